import { describe, expect, it } from 'vitest';
import { learningRateAt } from './learning-rate';

describe('learningRateAt', () => {
  const settings = { learningRate: 0.005, learningRateEnd: 0.0005, targetGames: 1_000_000 };

  it('decays exponentially from the start rate to the end rate over the target', () => {
    expect(learningRateAt(settings, 0)).toBe(0.005);
    expect(learningRateAt(settings, 500_000)).toBeCloseTo(0.005 / Math.sqrt(10), 12);
    expect(learningRateAt(settings, 1_000_000)).toBeCloseTo(0.0005, 12);
    expect(learningRateAt(settings, 250_000)).toBeGreaterThan(learningRateAt(settings, 750_000));
  });

  it('stays at the end rate past the target (a continued run)', () => {
    expect(learningRateAt(settings, 3_000_000)).toBeCloseTo(0.0005, 12);
  });

  it('is constant without an end rate, or with an end rate equal to the start', () => {
    expect(learningRateAt({ learningRate: 0.002, targetGames: 10 }, 7)).toBe(0.002);
    expect(learningRateAt({ ...settings, learningRateEnd: 0.005 }, 400_000)).toBe(0.005);
  });
});
