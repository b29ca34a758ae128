import { describe, expect, it } from 'vitest';
import { LEARNING_RATE_DECAY_GAMES, learningRateAt, learningRateForGame } from './learning-rate';

describe('learningRateAt', () => {
  const settings = { learningRate: 0.005, learningRateEnd: 0.0005, learningRateDecayGames: 1e6 };

  it('decays exponentially from the start rate to the end rate over the decay games', () => {
    expect(learningRateAt(settings, 0)).toBe(0.005);
    expect(learningRateAt(settings, 500_000)).toBeCloseTo(0.005 / Math.sqrt(10), 12);
    expect(learningRateAt(settings, 1_000_000)).toBeCloseTo(0.0005, 12);
    expect(learningRateAt(settings, 250_000)).toBeGreaterThan(learningRateAt(settings, 750_000));
  });

  it('stays at the end rate past the decay', () => {
    expect(learningRateAt(settings, 3_000_000)).toBeCloseTo(0.0005, 12);
  });

  it('decays over LEARNING_RATE_DECAY_GAMES when the run does not say', () => {
    const { learningRateDecayGames: _, ...unsaid } = settings;
    expect(learningRateAt(unsaid, LEARNING_RATE_DECAY_GAMES)).toBeCloseTo(0.0005, 12);
  });

  it('is constant without an end rate, or with an end rate equal to the start', () => {
    expect(learningRateAt({ learningRate: 0.002 }, 7)).toBe(0.002);
    expect(learningRateAt({ ...settings, learningRateEnd: 0.005 }, 400_000)).toBe(0.005);
  });
});

describe('learningRateForGame', () => {
  it('holds the rate of the block a game is in, whatever batch it is played in', () => {
    const settings = { learningRate: 0.005, learningRateEnd: 0.0005, learningRateDecayGames: 1e6 };
    expect(learningRateForGame(settings, 117)).toBe(learningRateAt(settings, 0));
    expect(learningRateForGame(settings, 19_999)).toBe(learningRateAt(settings, 10_000));
    expect(learningRateForGame(settings, 20_000)).toBe(learningRateAt(settings, 20_000));
  });
});
