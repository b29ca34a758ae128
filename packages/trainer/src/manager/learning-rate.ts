import type { TrainingSettings } from './options';

/**
 * The learning rate of the next batch: an exponential decay from `learningRate` at game 0 to
 * `learningRateEnd` at the run's target, lr(t) = lr0 · (lrEnd / lr0)^t with t = games / target
 * (capped at 1). Measured (docs/strength.md): a constant 0.005 keeps the model noisy, its League
 * score swinging by ±0.15 between points 100,000 games apart; the decay to 0.0005 settles it and
 * ends ~0.1 higher at a million games. A run without `learningRateEnd` (made before it existed)
 * keeps its constant rate.
 */
export function learningRateAt(
  settings: Pick<TrainingSettings, 'learningRate' | 'learningRateEnd' | 'targetGames'>,
  games: number,
): number {
  const { learningRate, learningRateEnd, targetGames } = settings;
  if (learningRateEnd === undefined || learningRateEnd === learningRate) return learningRate;
  const t = Math.min(1, Math.max(0, games / targetGames));
  return learningRate * (learningRateEnd / learningRate) ** t;
}
