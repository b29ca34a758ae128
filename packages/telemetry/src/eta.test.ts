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

  it('moves halfway to a new rate after one half-life', () => {
    const eta = new EtaEstimator({ halfLifeMs: 1_000, minSampleMs: 0 });
    eta.observe(0, 0);
    eta.observe(100, 1_000); // 100/s
    expect(eta.rate()).toBe(100);
    eta.observe(400, 2_000); // 300/s over one half-life
    expect(eta.rate()).toBeCloseTo(200, 9);
    // the same second split in two spans ends in the same place
    const split = new EtaEstimator({ halfLifeMs: 1_000, minSampleMs: 0 });
    split.observe(0, 0);
    split.observe(100, 1_000);
    split.observe(250, 1_500);
    split.observe(400, 2_000);
    expect(split.rate()).toBeCloseTo(200, 9);
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
