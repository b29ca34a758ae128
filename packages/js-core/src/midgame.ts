import { finalScoreBoard, hasLegalMove, legalMovesInto, popcount32 } from '@prismind/board';
import type { SearchContext } from './context';
import { evalFeatures } from './evaluate';
import type { SearchStack } from './stack';
import { BOUND_EXACT, BOUND_LOWER, BOUND_UPPER, hashBoard, type MidTable, NO_MOVE } from './tt';

/**
 * Fixed-depth negamax alpha-beta (fail-soft) over evaluations (docs/engine-spec.md, "Search").
 * Values are exact for the remaining depth whatever the move order, because the table cuts off
 * only on an entry of equal remaining depth and identical position (board and colour to move).
 *
 * Inner move order (free by the spec): the table's best move first, then, two plies or more from
 * the leaves, children by their static value for the mover; one ply from the leaves, ascending
 * squares and no table (there the bookkeeping costs more than it saves).
 */

const ORDER_DEPTH = 2;

export class Midgame {
  weights: Float32Array = new Float32Array(0);
  /** stage · 167265 by disc count (evaluate.ts, stageBaseTable). */
  stageBase: Int32Array = new Int32Array(65);

  constructor(
    readonly ctx: SearchContext,
    readonly stack: SearchStack,
    readonly tt: MidTable,
  ) {}

  /** evaluate(position at `ply`): black's view. */
  evalAt(ply: number): number {
    const board = this.stack.board;
    const b = ply << 2;
    const discs = popcount32(board[b]! | board[b + 2]!) + popcount32(board[b + 1]! | board[b + 3]!);
    return evalFeatures(this.weights, this.stageBase[discs]!, this.stack.feats, ply * 46);
  }

  /** The leaf rule: sign · evaluate, the side to move's view. */
  leafValue(ply: number): number {
    return (this.stack.black[ply] === 1 ? 1 : -1) * this.evalAt(ply);
  }

  negamax(ply: number, depth: number, alpha: number, beta: number): number {
    if (this.ctx.enter()) return 0;
    const st = this.stack;
    const board = st.board;
    const b = ply << 2;
    const pLo = board[b]!;
    const pHi = board[b + 1]!;
    const oLo = board[b + 2]!;
    const oHi = board[b + 3]!;
    legalMovesInto(pLo, pHi, oLo, oHi, st.moves, ply << 1);
    const mLo = st.moves[ply << 1]!;
    const mHi = st.moves[(ply << 1) + 1]!;
    if ((mLo | mHi) === 0) {
      if (!hasLegalMove(oLo, oHi, pLo, pHi)) return finalScoreBoard(pLo, pHi, oLo, oHi);
      // Passing and evaluating from the other side gives the same value: the sign flips twice.
      if (depth === 0) return this.leafValue(ply);
      st.makePass(ply, true);
      return -this.negamax(ply + 1, depth, -beta, -alpha);
    }
    if (depth === 0) return this.leafValue(ply);
    if (depth < ORDER_DEPTH) return this.shallow(ply, mLo, mHi, depth, alpha, beta);
    return this.ordered(ply, mLo, mHi, depth, alpha, beta);
  }

  /** Moves in ascending squares, no table. */
  private shallow(
    ply: number,
    mLo: number,
    mHi: number,
    depth: number,
    alpha: number,
    beta: number,
  ): number {
    const st = this.stack;
    const flips = st.flips;
    let best = Number.NEGATIVE_INFINITY;
    let a = alpha;
    let bits = mLo;
    let off = 0;
    for (let half = 0; half < 2; half++) {
      while (bits !== 0) {
        const bit = bits & -bits;
        bits ^= bit;
        const sq = off + 31 - Math.clz32(bit);
        st.genFlips(ply, sq);
        st.makeChild(ply, sq, flips[0]!, flips[1]!, true);
        const value = -this.negamax(ply + 1, depth - 1, -beta, -a);
        if (this.ctx.aborted) return 0;
        if (value > best) {
          best = value;
          if (value >= beta) return best;
          if (value > a) a = value;
        }
      }
      bits = mHi;
      off = 32;
    }
    return best;
  }

  /** Table probe, ordered moves, table store. */
  private ordered(
    ply: number,
    mLo: number,
    mHi: number,
    depth: number,
    alpha: number,
    beta: number,
  ): number {
    const st = this.stack;
    const board = st.board;
    const b = ply << 2;
    const pLo = board[b]!;
    const pHi = board[b + 1]!;
    const oLo = board[b + 2]!;
    const oHi = board[b + 3]!;
    const side = st.black[ply] === 1 ? 1 : 2;
    const tt = this.tt;
    const hash = hashBoard(pLo, pHi, oLo, oHi, side);
    let ttMove = NO_MOVE;
    const e = tt.find(hash, pLo, pHi, oLo, oHi, side);
    if (e >= 0) {
      if (tt.depthOf(e) === depth) {
        const bound = tt.boundOf(e);
        const v = tt.valueOf(e);
        if (
          bound === BOUND_EXACT ||
          (bound === BOUND_LOWER && v >= beta) ||
          (bound === BOUND_UPPER && v <= alpha)
        ) {
          return v;
        }
      }
      ttMove = tt.bestOf(e);
    }

    const n = this.orderMoves(ply, mLo, mHi, ttMove);
    const base = ply << 6;
    let best = Number.NEGATIVE_INFINITY;
    let bestMove = NO_MOVE;
    let a = alpha;
    for (let i = 0; i < n; i++) {
      const sq = st.listSq[base + i]!;
      st.makeChild(ply, sq, st.listFLo[base + i]!, st.listFHi[base + i]!, true);
      const value = -this.negamax(ply + 1, depth - 1, -beta, -a);
      if (this.ctx.aborted) return 0;
      if (value > best) {
        best = value;
        bestMove = sq;
        if (value >= beta) break;
        if (value > a) a = value;
      }
    }
    const bound = best <= alpha ? BOUND_UPPER : best >= beta ? BOUND_LOWER : BOUND_EXACT;
    tt.store(hash, pLo, pHi, oLo, oHi, side, depth, bound, bestMove, best);
    return best;
  }

  /**
   * The move list of `ply` sorted by descending key (the table move first, then the child's
   * static value for the mover); insertion keeps equal keys in ascending squares. Returns its size.
   */
  private orderMoves(ply: number, mLo: number, mHi: number, ttMove: number): number {
    const st = this.stack;
    const flips = st.flips;
    const base = ply << 6;
    const sqs = st.listSq;
    const fLos = st.listFLo;
    const fHis = st.listFHi;
    const keys = st.listKey;
    let n = 0;
    let bits = mLo;
    let off = 0;
    for (let half = 0; half < 2; half++) {
      while (bits !== 0) {
        const bit = bits & -bits;
        bits ^= bit;
        const sq = off + 31 - Math.clz32(bit);
        st.genFlips(ply, sq);
        const fLo = flips[0]!;
        const fHi = flips[1]!;
        let key = Number.POSITIVE_INFINITY;
        if (sq !== ttMove) {
          st.makeChild(ply, sq, fLo, fHi, true);
          key = -this.leafValue(ply + 1);
        }
        let j = base + n;
        while (j > base && keys[j - 1]! < key) {
          sqs[j] = sqs[j - 1]!;
          fLos[j] = fLos[j - 1]!;
          fHis[j] = fHis[j - 1]!;
          keys[j] = keys[j - 1]!;
          j--;
        }
        sqs[j] = sq;
        fLos[j] = fLo;
        fHis[j] = fHi;
        keys[j] = key;
        n++;
      }
      bits = mHi;
      off = 32;
    }
    return n;
  }
}
