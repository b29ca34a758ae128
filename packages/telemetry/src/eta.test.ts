import { describe, expect, it } from 'vitest';
import { EtaEstimator } from './eta';

describe('EtaEstimator', () => {
  it('has no rate or ETA before one sample span', () => {
    const eta = new EtaEstimator();
    expect(eta.rate()).toBeUndefined();
    eta.observe(0, 0);
    expect(eta.etaMs(0, 100)).toBeUndefined();
    eta.observe(10, 100); // closer than minSampleMs (200): merged into the next span
    expect(eta.rate()).toBeUndefined();
  });

  it('gives the exact ETA at a constant rate', () => {
    const eta = new EtaEstimator({ halfLifeMs: 5_000 });
    for (let t = 0; t <= 10_000; t += 500) eta.observe(t / 10, t); // 100 units/s
    expect(eta.rate()).toBeCloseTo(100, 9);
    expect(eta.etaMs(1000, 3000)).toBeCloseTo(20_000, 6);
    expect(eta.etaMs(3000, 3000)).toBe(0);
  });

  it('weights each span by its length, decayed by the half-life (bias-corrected)', () => {
    const eta = new EtaEstimator({ halfLifeMs: 1_000, minSampleMs: 0 });
    eta.observe(0, 0);
    eta.observe(100, 1_000); // 100/s
    expect(eta.rate()).toBe(100);
    eta.observe(400, 2_000); // 300/s over one half-life
    // weights: the older span 0.5 · 0.5 = 0.25, the newer 0.5 → (100 · 0.25 + 300 · 0.5) / 0.75
    expect(eta.rate()).toBeCloseTo(700 / 3, 9);
    // the same second split in two spans ends in the same place
    const split = new EtaEstimator({ halfLifeMs: 1_000, minSampleMs: 0 });
    split.observe(0, 0);
    split.observe(100, 1_000);
    split.observe(250, 1_500);
    split.observe(400, 2_000);
    expect(split.rate()).toBeCloseTo(700 / 3, 9);
  });

  it('is not held down by a slow start in a run shorter than a half-life', () => {
    const eta = new EtaEstimator({ halfLifeMs: 10_000, minSampleMs: 0 });
    eta.observe(0, 0);
    eta.observe(20, 200); // start-up: 100/s
    for (let t = 400; t <= 2_000; t += 200) eta.observe(20 + ((t - 200) / 1_000) * 1_000, t); // 1,000/s
    const rate = eta.rate()!;
    // close to the time-weighted mean (0.2 s at 100/s, 1.8 s at 1,000/s = 910/s), not to 100/s
    expect(rate).toBeGreaterThan(880);
    expect(rate).toBeLessThan(1_000);
  });

  it('follows a new rate once several half-lives have passed', () => {
    const eta = new EtaEstimator({ halfLifeMs: 1_000, minSampleMs: 0 });
    eta.observe(0, 0);
    eta.observe(1_000, 10_000); // 100/s for 10 half-lives
    for (let t = 11_000; t <= 20_000; t += 1_000) eta.observe(1_000 + (t - 10_000) / 2, t); // 500/s
    expect(eta.rate()).toBeGreaterThan(499);
    expect(eta.rate()).toBeLessThanOrEqual(500);
  });

  it('has no ETA while stalled, and refuses progress going backwards', () => {
    const eta = new EtaEstimator({ halfLifeMs: 1, minSampleMs: 0 });
    eta.observe(5, 0);
    eta.observe(5, 1_000);
    expect(eta.rate()).toBe(0);
    expect(eta.etaMs(5, 10)).toBeUndefined();
    expect(() => eta.observe(4, 2_000)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    eta.reset();
    eta.observe(4, 2_000);
    expect(eta.rate()).toBeUndefined();
  });
});
