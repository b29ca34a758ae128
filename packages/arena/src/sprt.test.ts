import { describe, expect, it } from 'vitest';
import { testRandom } from '@prismind/test-support';
import { sprtBounds, sprtLlr, sprtStatus } from './sprt';
import { scoreFromElo, type Wdl } from './stats';

/** Runs an SPRT on simulated games with the given win and draw probabilities until it decides. */
function simulate(
  pWin: number,
  pDraw: number,
  seed: number,
  elo0 = 0,
  elo1 = 50,
): { decision: string | null; games: number } {
  const random = testRandom(seed);
  const wdl: Wdl = { wins: 0, draws: 0, losses: 0 };
  for (let games = 1; games <= 100_000; games++) {
    const r = random();
    if (r < pWin) wdl.wins++;
    else if (r < pWin + pDraw) wdl.draws++;
    else wdl.losses++;
    const s = sprtStatus(wdl, { elo0, elo1 });
    if (s.decision !== null) return { decision: s.decision, games };
  }
  return { decision: null, games: 100_000 };
}

describe('SPRT', () => {
  it("Wald's bounds for alpha = beta = 0.05 are ±ln 19", () => {
    const b = sprtBounds(0.05, 0.05);
    expect(b.upper).toBeCloseTo(2.944439, 6);
    expect(b.lower).toBeCloseTo(-2.944439, 6);
  });

  it('LLR matches a hand computation', () => {
    // W 60 D 20 L 20, elo 0 vs 50. With ½ added to each count: mean 70.75/101.5 = 0.697044,
    // variance (60.5·0.302956² + 20.5·0.197044² + 20.5·0.697044²)/101.5 = 0.160681,
    // s1 = 1/(1 + 10^−0.125) = 0.571463; LLR = 100·0.071463·(1.394089 − 1.071463)/0.321362 = 7.1744
    expect(sprtLlr({ wins: 60, draws: 20, losses: 20 }, 0, 50)).toBeCloseTo(7.1744, 3);
    expect(sprtLlr({ wins: 0, draws: 0, losses: 0 }, 0, 50)).toBe(0);
  });

  it('is antisymmetric in the results when the hypotheses are symmetric about 0', () => {
    const a = sprtLlr({ wins: 30, draws: 5, losses: 20 }, -20, 20);
    const b = sprtLlr({ wins: 20, draws: 5, losses: 30 }, -20, 20);
    expect(a).toBeCloseTo(-b, 12);
  });

  it('an unbroken run of wins gives a finite LLR that grows', () => {
    const one = sprtLlr({ wins: 1, draws: 0, losses: 0 }, 0, 50);
    const ten = sprtLlr({ wins: 10, draws: 0, losses: 0 }, 0, 50);
    expect(Number.isFinite(one)).toBe(true);
    expect(one).toBeLessThan(2.94);
    expect(ten).toBeGreaterThan(one);
  });

  it('decides H1 and H0 at the bounds', () => {
    expect(sprtStatus({ wins: 60, draws: 20, losses: 20 }, { elo0: 0, elo1: 50 }).decision).toBe(
      'H1',
    );
    expect(sprtStatus({ wins: 20, draws: 20, losses: 60 }, { elo0: 0, elo1: 50 }).decision).toBe(
      'H0',
    );
    expect(sprtStatus({ wins: 5, draws: 0, losses: 5 }, { elo0: 0, elo1: 50 }).decision).toBe(null);
  });

  it('rejects impossible options', () => {
    expect(() => sprtStatus({ wins: 1, draws: 0, losses: 0 }, { elo0: 5, elo1: 5 })).toThrow(
      /elo1 > elo0/,
    );
    expect(() =>
      sprtStatus({ wins: 1, draws: 0, losses: 0 }, { elo0: 0, elo1: 5, alpha: 0.7 }),
    ).toThrow(/alpha/);
  });

  it('a clearly stronger player (+108 Elo) accepts H1, every seed', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = simulate(0.6, 0.1, seed); // score 0.65
      expect(r.decision, `seed ${seed}`).toBe('H1');
      expect(r.games).toBeLessThan(2000);
    }
  });

  // testRandom's first outputs are correlated for neighbouring seeds: spread them
  const spread = (i: number): number => Math.imul(i + 1, 0x9e3779b1) >>> 0;

  it('equal players accept H0 eventually; error rates near the nominal 5%', () => {
    // draw rate 20%; the win rate is set so the expected score is exactly s0 (0 Elo) or s1 (50)
    const at = (elo: number, seed: number): { decision: string | null; games: number } => {
      const s = scoreFromElo(elo);
      return simulate(s - 0.1, 0.2, seed);
    };
    const runs = 200;
    const equal = Array.from({ length: runs }, (_, i) => at(0, spread(i)));
    const better = Array.from({ length: runs }, (_, i) => at(50, spread(runs + i)));
    expect(equal.every((r) => r.decision !== null)).toBe(true);
    expect(equal.filter((r) => r.decision === 'H0').length / runs).toBeGreaterThan(0.9);
    expect(better.filter((r) => r.decision === 'H1').length / runs).toBeGreaterThan(0.9);
  });
});
