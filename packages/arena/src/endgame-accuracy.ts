import { type Engine, PrismindError } from '@prismind/board/contracts';
import type { EndgamePosition } from './endgame-set';
import { bestChildMove } from './engine-player';

/** The mean absolute error of the static evaluation over the positions with one number of empties. */
export interface EmptiesError {
  empties: number;
  count: number;
  /** In discs. */
  mae: number;
}

export interface EndgameAccuracy {
  positions: number;
  /** Ascending by empties. */
  maeByEmpties: EmptiesError[];
  /** Over every position, in discs. */
  mae: number;
  /** Share of positions where the 1-ply choice (bestChildMove) is a best move. */
  onePlyBestRate: number;
  /** Share of positions where engine.search at depth 4 (no exact solver) picks a best move. */
  depth4BestRate: number;
}

export interface EndgameAccuracyOptions {
  /** Measure only the first `count` positions. Default: all. */
  count?: number | undefined;
}

/** Depth-4 search with the solver off, so the choice is the model's, not the solver's. */
const DEPTH4 = Object.freeze({ depth: 4, exactEmpties: 0 });

/**
 * How well the model knows the endgame, on positions solved exactly: the static evaluation's
 * mean absolute error in discs (side to move's view against the exact score), overall and by number
 * of empties, and how often the 1-ply choice and the depth-4 search choice are a best move.
 */
export async function endgameAccuracy(
  engine: Engine,
  positions: readonly EndgamePosition[],
  options: EndgameAccuracyOptions = {},
): Promise<EndgameAccuracy> {
  const measured = positions.slice(0, options.count ?? positions.length);
  if (measured.length === 0) {
    throw new PrismindError('INVALID_OPTIONS', 'endgameAccuracy: no positions to measure');
  }
  const errors = new Map<number, number[]>();
  let onePlyBest = 0;
  let depth4Best = 0;
  for (const { position, score, bestMoves } of measured) {
    const sign = position.player === 1 ? 1 : -1;
    const cells = position.toCells();
    const error = Math.abs(sign * engine.evaluate(cells, position.player) - score);
    const empties = 64 - position.discs();
    errors.set(empties, [...(errors.get(empties) ?? []), error]);
    if (bestMoves.includes(bestChildMove(engine, position))) onePlyBest++;
    const searched = await engine.search(cells, position.player, DEPTH4);
    if (bestMoves.includes(searched.move)) depth4Best++;
  }
  const n = measured.length;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const maeByEmpties = [...errors.entries()]
    .sort(([a], [b]) => a - b)
    .map(([empties, xs]) => ({ empties, count: xs.length, mae: sum(xs) / xs.length }));
  return {
    positions: n,
    maeByEmpties,
    mae: sum([...errors.values()].flat()) / n,
    onePlyBestRate: onePlyBest / n,
    depth4BestRate: depth4Best / n,
  };
}
