import {
  FEATURE_SHAPE,
  featureIndices,
  Position,
  stageOf,
  weightOffset,
  weightSign,
} from '@prismind/board';

/**
 * Slow, obviously-correct references for the tests, written from docs/engine-spec.md with board's
 * immutable Position and reference featureIndices: no incremental features, no pruning, no table.
 */

/** evaluate(position): Σ in feature order, in f64, of sign · the stage's weight (black's view). */
export function slowEvaluate(p: Position, weights: Float32Array, stages: number): number {
  const idx = featureIndices(p);
  const stage = stageOf(p.discs(), stages);
  let sum = 0;
  for (let f = 0; f < 46; f++) {
    const shape = FEATURE_SHAPE[f]!;
    sum += weightSign(shape, idx[f]!) * weights[weightOffset(stage, shape, idx[f]!)]!;
  }
  return sum;
}

/**
 * A recorded game's TD error with `weights`: the mean over its positions of |E_k|, E_k written in
 * closed form, Σ_{t≥k} λ^(t−k) δ_t (the spec's backward recursion unrolled), values by slowEvaluate.
 */
export function slowTdError(
  moves: readonly number[],
  weights: Float32Array,
  stages: number,
  lambda: number,
): number {
  const values: number[] = [];
  let p = Position.initial();
  for (const sq of moves) {
    if (p.mustPass()) p = p.pass();
    values.push(slowEvaluate(p, weights, stages));
    p = p.play(sq);
  }
  const t = values.length;
  const deltas = values.map((v, k) => (k < t - 1 ? values[k + 1]! : p.score()) - v);
  let sum = 0;
  for (let k = 0; k < t; k++) {
    let e = 0;
    for (let j = k; j < t; j++) e += lambda ** (j - k) * deltas[j]!;
    sum += Math.abs(e);
  }
  return sum / t;
}

const sideSign = (p: Position): number => (p.player === 1 ? 1 : -1);

/** Final score from the side to move's view. */
export function finalFromMover(p: Position): number {
  return sideSign(p) * p.score();
}

/** Plain negamax without pruning (game over first, then the leaf rule; passes keep the depth). */
export function minimax(p: Position, depth: number, weights: Float32Array, stages: number): number {
  if (p.isGameOver()) return finalFromMover(p);
  if (depth === 0) return sideSign(p) * slowEvaluate(p, weights, stages);
  if (p.mustPass()) return -minimax(p.pass(), depth, weights, stages);
  let best = Number.NEGATIVE_INFINITY;
  for (const sq of p.legalMoves()) {
    const v = -minimax(p.play(sq), depth - 1, weights, stages);
    if (v > best) best = v;
  }
  return best;
}

/** Exact final disc difference under perfect play, side to move's view, by brute force. */
export function bruteSolve(p: Position): number {
  if (p.isGameOver()) return finalFromMover(p);
  if (p.mustPass()) return -bruteSolve(p.pass());
  let best = Number.NEGATIVE_INFINITY;
  for (const sq of p.legalMoves()) {
    const v = -bruteSolve(p.play(sq));
    if (v > best) best = v;
  }
  return best;
}

/** Static root order: descending sign · evaluate(child), ties by ascending square. */
export function staticOrder(p: Position, weights: Float32Array, stages: number): number[] {
  const sign = sideSign(p);
  return p
    .legalMoves()
    .map((sq) => ({ sq, v: sign * slowEvaluate(p.play(sq), weights, stages) }))
    .sort((a, b) => (a.v === b.v ? a.sq - b.sq : b.v - a.v))
    .map((x) => x.sq);
}

/** The first move of `order` with the maximal value, and that value. */
export function firstBest(order: number[], value: (sq: number) => number): [number, number] {
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const sq of order) {
    const v = value(sq);
    if (best < 0 || v > bestValue) {
      best = sq;
      bestValue = v;
    }
  }
  return [best, bestValue];
}

/** Iterative deepening by the spec's root rules over plain minimax: [best move, value]. */
export function referenceSearch(
  p: Position,
  depth: number,
  weights: Float32Array,
  stages: number,
): [number, number] {
  const order = staticOrder(p, weights, stages);
  let previous = -1;
  let result: [number, number] = [-1, 0];
  for (let d = 1; d <= depth; d++) {
    const rootOrder = previous < 0 ? order : [previous, ...order.filter((s) => s !== previous)];
    result = firstBest(rootOrder, (sq) => -minimax(p.play(sq), d - 1, weights, stages));
    previous = result[0];
  }
  return result;
}
