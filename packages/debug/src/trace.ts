import { type Position, parseTranscript, replayMoves } from '@prismind/board';
import type { CellsInput, ModelState } from '@prismind/board/contracts';
import { checkCells } from './cells';
import { DebugError } from './errors';
import { type FeatureTerm, featureOffsets, featureTerms, modelValue } from './features';

/** A single position's features: what evaluate() reads and what the position adds to traces. */
export interface PositionTrace {
  stage: number;
  /** V(x) = Σ of the 46 features' sign · weight (black's view, discs). */
  value: number;
  features: FeatureTerm[];
}

/** One feature of x_k followed through the rest of the game. */
export interface TracedFeature extends FeatureTerm {
  /** sign · λ^(t−k) for t = k..T−1: this feature's (this position's) share of the trace at t. */
  contributions: number[];
  /**
   * The whole eligibility trace of this feature's weight at t = k..T−1: Σ over j ≤ t of λ^(t−j)
   * times the signs with which x_j reads the weight (earlier positions and repeats included).
   */
  traces: number[];
  /** The gradient term x_k adds for this feature: −E_k · sign (null when the game is unfinished). */
  gradient: number | null;
}

/** A position inside a recorded game, with the TD(λ) quantities around it. */
export interface GameTrace {
  lambda: number;
  /** k: which recorded position (0-based) is inspected. */
  at: number;
  /** T: positions recorded (where a move was read; passes are not positions). */
  plies: number;
  /** The move played at x_k. */
  move: number;
  finished: boolean;
  /** z: the final score, black minus white (null when the moves stop before the end). */
  finalScore: number | null;
  /** V(x_t) for every recorded position, with the weights as they are. */
  values: number[];
  /** δ_t = V(x_{t+1}) − V(x_t); δ_{T−1} = z − V(x_{T−1}) (null when unfinished). */
  deltas: (number | null)[];
  /** E_k = Σ_{t ≥ k} λ^(t−k) δ_t, the λ-return error the update applies at x_k. */
  lambdaReturnError: number | null;
  position: PositionTrace;
  features: TracedFeature[];
}

/** The features of one position with their weights and trace increments. */
export function positionTrace(state: ModelState, cells: CellsInput): PositionTrace {
  const c = checkCells(cells);
  const { stage, offsets, signs, indices } = featureOffsets(c, state.stages);
  return {
    stage,
    value: modelValue(state, offsets, signs),
    features: featureTerms(state, offsets, signs, indices),
  };
}

function checkLambda(lambda: number): number {
  if (!(lambda >= 0 && lambda <= 1)) {
    throw new DebugError('DEBUG_INVALID_INPUT', `lambda is ${String(lambda)}; expected 0..1`, {
      details: { lambda },
    });
  }
  return lambda;
}

/** δ_t for every t, and E_k (both null where z is unknown). */
function tdErrors(
  values: number[],
  z: number | null,
  lambda: number,
  k: number,
): { deltas: (number | null)[]; e: number | null } {
  const T = values.length;
  const deltas: (number | null)[] = values.map((v, t) =>
    t < T - 1 ? values[t + 1]! - v : z === null ? null : z - v,
  );
  if (z === null) return { deltas, e: null };
  let e = 0;
  for (let t = T - 1; t >= k; t--) e = deltas[t]! + lambda * e;
  return { deltas, e };
}

/** e_t(o) for t = k..T−1 and each offset o of x_k (every position's reads counted, with their signs). */
function traceSeries(
  parts: { offsets: Int32Array; signs: Int8Array }[],
  k: number,
  lambda: number,
): Map<number, number[]> {
  const series = new Map<number, number[]>();
  for (const o of parts[k]!.offsets) series.set(o, []);
  const current = new Map<number, number>();
  for (const o of series.keys()) current.set(o, 0);
  for (let t = 0; t < parts.length; t++) {
    for (const [o, e] of current) current.set(o, lambda * e);
    parts[t]!.offsets.forEach((o, f) => {
      if (current.has(o)) current.set(o, current.get(o)! + parts[t]!.signs[f]!);
    });
    if (t >= k) for (const [o, e] of current) series.get(o)!.push(e);
  }
  return series;
}

function replay(moves: readonly number[] | string): {
  positions: Position[];
  final: Position;
  moves: number[];
} {
  return replayMoves(typeof moves === 'string' ? parseTranscript(moves) : moves);
}

/**
 * A position of a recorded game under TD(λ) with eligibility traces (docs/engine-spec.md): the
 * game's positions x_0..x_{T−1} are those where a move is read, from the standard start. The
 * backward view keeps e_t = λ·e_{t−1} + ∇V(x_t); ∇V(x_k) is 1 on each weight x_k reads, so a
 * feature of x_k contributes λ^(t−k) to its weight's trace at every later t, and over the game
 * x_k's features receive Σ_t δ_t λ^(t−k) = E_k (the update's gradient term is −E_k).
 */
export function gameTrace(
  state: ModelState,
  moves: readonly number[] | string,
  options: { at: number; lambda?: number | undefined },
): GameTrace {
  const lambda = checkLambda(options.lambda ?? 0.7);
  const game = replay(moves);
  const T = game.positions.length;
  const k = options.at;
  if (!(Number.isInteger(k) && k >= 0 && k < T)) {
    throw new DebugError(
      'DEBUG_INVALID_INPUT',
      `at is ${String(k)}; the game has ${T} recorded positions (0..${T - 1})`,
      { details: { at: k, plies: T } },
    );
  }
  const parts = game.positions.map((p) => featureOffsets(p, state.stages));
  const values = parts.map((p) => modelValue(state, p.offsets, p.signs));
  const finished = game.final.isGameOver();
  const z = finished ? game.final.score() : null;
  const { deltas, e } = tdErrors(values, z, lambda, k);
  const series = traceSeries(parts, k, lambda);
  const terms = featureTerms(state, parts[k]!.offsets, parts[k]!.signs, parts[k]!.indices);
  const features = terms.map((term) => ({
    ...term,
    contributions: Array.from({ length: T - k }, (_, i) => term.sign * lambda ** i),
    traces: series.get(term.offset)!,
    gradient: e === null ? null : -e * term.sign,
  }));
  return {
    lambda,
    at: k,
    plies: T,
    move: game.moves[k]!,
    finished,
    finalScore: z,
    values,
    deltas,
    lambdaReturnError: e,
    position: { stage: parts[k]!.stage, value: values[k]!, features: terms },
    features,
  };
}
