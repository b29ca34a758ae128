import { finalScoreBoard, hasLegalMove, legalMovesInto, passInto, playInto } from '@prismind/board';

/** A static evaluation from the side to move's view, on the fast core's four halves. */
export type BoardEvaluator = (pLo: number, pHi: number, oLo: number, oHi: number) => number;

/**
 * A finished game is worth its final disc difference times this, so any win outranks any
 * heuristic value (the heuristics here stay far below 1,000 in absolute value).
 */
export const WIN_SCALE = 1000;

/** Per ply: pLo pHi oLo oHi movesLo movesHi. */
const FRAME = 6;
/** 60 moves plus passes, with room to spare. */
const MAX_PLIES = 130;

/**
 * Fixed-depth negamax alpha-beta over the fast core, for the baseline players. Same conventions
 * as the engines' search (docs/engine-spec.md): a finished game is exact at any depth, a leaf is
 * the static value, a pass does not consume depth, moves in ascending square order and a root move
 * replaces the best only when strictly better (ties go to the lowest square). No transposition
 * table: baselines search shallow and must be simple to trust.
 */
export class AlphaBeta {
  private readonly stack = new Int32Array(FRAME * MAX_PLIES);
  private readonly evaluate: BoardEvaluator;

  constructor(evaluate: BoardEvaluator) {
    this.evaluate = evaluate;
  }

  /** Best move (−1 when there is none) and its value at `depth` ≥ 1. */
  bestMove(
    pLo: number,
    pHi: number,
    oLo: number,
    oHi: number,
    depth: number,
  ): { move: number; value: number } {
    const st = this.stack;
    legalMovesInto(pLo, pHi, oLo, oHi, st, 4);
    let best = -1;
    let alpha = Number.NEGATIVE_INFINITY;
    for (let half = 0; half < 2; half++) {
      let bits = st[4 + half]!;
      while (bits !== 0) {
        const bit = bits & -bits;
        bits ^= bit;
        const sq = 31 - Math.clz32(bit) + 32 * half;
        playInto(pLo, pHi, oLo, oHi, sq, st, FRAME);
        const value = -this.negamax(FRAME, depth - 1, Number.NEGATIVE_INFINITY, -alpha);
        if (value > alpha) {
          alpha = value;
          best = sq;
        }
      }
    }
    return { move: best, value: alpha };
  }

  private negamax(at: number, depth: number, alpha: number, beta: number): number {
    const st = this.stack;
    const pLo = st[at]!;
    const pHi = st[at + 1]!;
    const oLo = st[at + 2]!;
    const oHi = st[at + 3]!;
    legalMovesInto(pLo, pHi, oLo, oHi, st, at + 4);
    const lo = st[at + 4]!;
    const hi = st[at + 5]!;
    if ((lo | hi) === 0) {
      if (!hasLegalMove(oLo, oHi, pLo, pHi)) {
        return WIN_SCALE * finalScoreBoard(pLo, pHi, oLo, oHi);
      }
      if (depth === 0) return this.evaluate(pLo, pHi, oLo, oHi);
      passInto(pLo, pHi, oLo, oHi, st, at + FRAME);
      return -this.negamax(at + FRAME, depth, -beta, -alpha);
    }
    if (depth === 0) return this.evaluate(pLo, pHi, oLo, oHi);
    let best = Number.NEGATIVE_INFINITY;
    for (let half = 0; half < 2; half++) {
      let bits = half === 0 ? lo : hi;
      while (bits !== 0) {
        const bit = bits & -bits;
        bits ^= bit;
        playInto(pLo, pHi, oLo, oHi, 31 - Math.clz32(bit) + 32 * half, st, at + FRAME);
        const value = -this.negamax(at + FRAME, depth - 1, -beta, -alpha);
        if (value > best) best = value;
        if (value > alpha) alpha = value;
        if (alpha >= beta) return best;
      }
    }
    return best;
  }
}
