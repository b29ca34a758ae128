import { describe, expect, it } from 'vitest';
import {
  eloFromScore,
  eloInterval,
  eloStandardError,
  meanInterval,
  scoreFromElo,
  scoreInterval,
  scoreOf,
  scoreStandardError,
  wilsonInterval,
  Z95,
} from './stats';

// Expected values below were worked out by hand (and agree with published Wilson tables).
describe('wilsonInterval', () => {
  it('50 of 100: 0.5 ± 0.0962', () => {
    // center 0.5; half = 1.96 / 1.038415 · sqrt(0.0025 + 0.00009604) = 0.096170
    const i = wilsonInterval(50, 100);
    expect(i.low).toBeCloseTo(0.40383, 4);
    expect(i.high).toBeCloseTo(0.59617, 4);
  });

  it('0 of 10: [0, 0.2775], not a degenerate point', () => {
    // center = half = (3.8415/20) / 1.38415 = 0.13876
    const i = wilsonInterval(0, 10);
    expect(i.low).toBe(0);
    expect(i.high).toBeCloseTo(0.27753, 4);
  });

  it('10 of 10 mirrors 0 of 10', () => {
    const i = wilsonInterval(10, 10);
    expect(i.low).toBeCloseTo(1 - 0.27753, 4);
    expect(i.high).toBe(1);
  });

  it('8 of 10: [0.4902, 0.9433]', () => {
    // p 0.8, z²/n 0.38415: center (0.8 + 0.19207) / 1.38415 = 0.71677;
    // half 1.41601 · sqrt(0.016 + 0.0096037) = 1.41601 · 0.16001 = 0.22657
    const i = wilsonInterval(8, 10);
    expect(i.low).toBeCloseTo(0.4902, 3);
    expect(i.high).toBeCloseTo(0.9433, 3);
  });

  it('no games: the whole range', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('score', () => {
  it('counts a draw as half a point', () => {
    expect(scoreOf({ wins: 6, draws: 2, losses: 2 })).toBe(0.7);
    expect(scoreInterval({ wins: 45, draws: 10, losses: 45 })).toEqual(wilsonInterval(50, 100));
  });

  it('trinomial standard error: 6/2/2', () => {
    // s = 0.7, var = (6·0.09 + 2·0.04 + 2·0.49) / 10 = 0.16, se = sqrt(0.016) = 0.126491
    expect(scoreStandardError({ wins: 6, draws: 2, losses: 2 })).toBeCloseTo(0.126491, 6);
  });
});

describe('Elo', () => {
  it('from a score', () => {
    expect(eloFromScore(0.5)).toBe(0);
    expect(eloFromScore(0.75)).toBeCloseTo(190.849, 3); // 400·log10(3)
    expect(eloFromScore(0.25)).toBeCloseTo(-190.849, 3);
    expect(eloFromScore(0.64)).toBeCloseTo(99.95, 2); // −400·log10(0.5625)
    expect(eloFromScore(1)).toBe(Number.POSITIVE_INFINITY);
    expect(eloFromScore(0)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('and back', () => {
    expect(scoreFromElo(0)).toBe(0.5);
    expect(scoreFromElo(400)).toBeCloseTo(10 / 11, 12);
    for (const elo of [-300, -50, 10, 123.4])
      expect(eloFromScore(scoreFromElo(elo))).toBeCloseTo(elo, 9);
  });

  it('interval: the Wilson bounds mapped through eloFromScore', () => {
    // 50/100: scores [0.40383, 0.59617] → ∓67.4 Elo (400·log10(0.59617/0.40383) = 67.67)
    const r = eloInterval({ wins: 50, draws: 0, losses: 50 });
    expect(r.elo).toBe(0);
    expect(r.interval.high).toBeCloseTo(67.67, 1);
    expect(r.interval.low).toBeCloseTo(-67.67, 1);
  });

  it('delta method: 400/ln10 · se / (s(1−s))', () => {
    // s 0.5, se 0.05: 173.7178 · 0.05 / 0.25 = 34.74
    expect(eloStandardError(0.5, 0.05)).toBeCloseTo(34.7436, 3);
  });
});

describe('meanInterval', () => {
  it('mean ± z · s / sqrt(n)', () => {
    // mean 5; sample variance ((−3)² + (−1)² + 1² + 3²) / 3 = 20/3; se = sqrt(20/3/4) = 1.290994
    const r = meanInterval([2, 4, 6, 8]);
    expect(r.mean).toBe(5);
    expect(r.interval.high - 5).toBeCloseTo(Z95 * 1.290994, 5);
    expect(5 - r.interval.low).toBeCloseTo(Z95 * 1.290994, 5);
  });

  it('is unbounded for one value and NaN for none', () => {
    expect(meanInterval([3]).interval).toEqual({ low: -Infinity, high: Infinity });
    expect(meanInterval([]).mean).toBeNaN();
  });
});
