import type { TrainingSettings } from './options';

/** Games over which the learning rate decays when a run does not say (a quick start's run). */
export const LEARNING_RATE_DECAY_GAMES = 1_000_000;

/**
 * The rate changes only at multiples of this many games, and no batch spans one: every game is
 * learned at the rate of its block, however the run was cut into batches (pauses, resumes), so a
 * resumed run stays bit-identical to one that was not paused.
 */
export const LEARNING_RATE_BLOCK_GAMES = 10_000;

/** The learning rate for game `games` of the run: the schedule's value at the start of its block. */
export function learningRateForGame(
  settings: Pick<TrainingSettings, 'learningRate' | 'learningRateEnd' | 'learningRateDecayGames'>,
  games: number,
): number {
  const blockStart = games - (games % LEARNING_RATE_BLOCK_GAMES);
  return learningRateAt(settings, blockStart);
}

/**
 * The learning rate of the batch that starts at game `games` of the run: an exponential decay
 * from `learningRate` at game 0 to `learningRateEnd` at game `learningRateDecayGames`, then
 * constant: lr = lr0 · (lrEnd / lr0)^min(1, games / decayGames). It depends on the run's game
 * count only, so a run paused, resumed or given a new target learns exactly as one that was not.
 * Measured (docs/strength.md): a constant 0.005 keeps the model noisy, its League score swinging
 * by ±0.15 between points 100,000 games apart; the decay to 0.0005 settles it and ends ~0.1 higher
 * at a million games. A run without `learningRateEnd` (made before it existed) keeps its rate.
 */
export function learningRateAt(
  settings: Pick<TrainingSettings, 'learningRate' | 'learningRateEnd' | 'learningRateDecayGames'>,
  games: number,
): number {
  const { learningRate, learningRateEnd } = settings;
  if (learningRateEnd === undefined || learningRateEnd === learningRate) return learningRate;
  const decayGames = settings.learningRateDecayGames ?? LEARNING_RATE_DECAY_GAMES;
  const t = Math.min(1, Math.max(0, games / decayGames));
  return learningRate * (learningRateEnd / learningRate) ** t;
}
