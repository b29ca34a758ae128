import {
  finalScoreBoard,
  flipsInto,
  hasLegalMove,
  legalMovesInto,
  popcount32,
} from '@prismind/board';
import type { SearchContext } from './context';
import type { SearchStack } from './stack';
import { EndTable, hashBoard, NO_MOVE } from './tt';

/**
 * The exact solver: integer final disc differences under perfect play, side to move's view
 * (docs/engine-spec.md, "Exact endgame"; inner move order is free).
 *
 * Far from the end (more than SHALLOW_EMPTIES empties): negascout with null windows, a table of
 * exact bounds, fastest-first ordering (fewest replies for the opponent first, corners preferred).
 * Near the end: plain alpha-beta with parity ordering (moves in quadrants with an odd number of
 * empties first), no table, and a closed form for the last empty square.
 */

const SHALLOW_EMPTIES = 6;
/** a1, h1 (lo) and a8, h8 (hi). */
const CORNERS_LO = 0x81;
const CORNERS_HI = 0x81000000 | 0;
/** The 4x4 quadrants within a half: files a..d and e..h of four ranks. */
const QUAD_WEST = 0x0f0f0f0f;
const QUAD_EAST = 0xf0f0f0f0 | 0;

export class Endgame {
  private table: EndTable | null = null;
  private readonly scratch = new Int32Array(2);

  constructor(
    readonly ctx: SearchContext,
    readonly stack: SearchStack,
    private readonly ttBytes: number,
  ) {}

  /** The table, allocated on first use (most searches never solve). */
  get tt(): EndTable {
    if (this.table === null) this.table = new EndTable(this.ttBytes);
    return this.table;
  }

  /** The table if it exists (for clearing and the principal variation). */
  get ttIfAny(): EndTable | null {
    return this.table;
  }

  /** Exact value of the board at `ply` (side to move's view) within (alpha, beta), fail-soft. */
  solve(ply: number, empties: number, alpha: number, beta: number): number {
    return empties <= SHALLOW_EMPTIES
      ? this.shallow(ply, empties, alpha, beta)
      : this.deep(ply, empties, alpha, beta);
  }

  private deep(ply: number, empties: number, alpha: number, beta: number): number {
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
      st.makePass(ply, false);
      return -this.solve(ply + 1, empties, -beta, -alpha);
    }

    const tt = this.tt;
    const hash = hashBoard(pLo, pHi, oLo, oHi, 0);
    let ttMove = NO_MOVE;
    let lower = -64;
    let upper = 64;
    const e = tt.find(hash, pLo, pHi, oLo, oHi);
    if (e >= 0) {
      lower = tt.ints[e + 5]!;
      upper = tt.ints[e + 6]!;
      if (lower === upper || lower >= beta) return lower;
      if (upper <= alpha) return upper;
      if (lower > alpha) alpha = lower;
      if (upper < beta) beta = upper;
      ttMove = tt.ints[e + 7]!;
    }

    const n = this.orderMoves(ply, mLo, mHi, ttMove);
    const base = ply << 6;
    const alphaIn = alpha;
    const betaIn = beta;
    let best = -65;
    let bestMove = NO_MOVE;
    let a = alpha;
    for (let i = 0; i < n; i++) {
      const sq = st.listSq[base + i]!;
      st.makeChild(ply, sq, st.listFLo[base + i]!, st.listFHi[base + i]!, false);
      let value: number;
      if (i === 0) {
        value = -this.solve(ply + 1, empties - 1, -beta, -a);
      } else {
        // Prove the move is no better with a null window; search it properly only when it is.
        value = -this.solve(ply + 1, empties - 1, -a - 1, -a);
        if (value > a && value < beta && !this.ctx.aborted) {
          value = -this.solve(ply + 1, empties - 1, -beta, -a);
        }
      }
      if (this.ctx.aborted) return 0;
      if (value > best) {
        best = value;
        bestMove = sq;
        if (value >= beta) break;
        if (value > a) a = value;
      }
    }
    // Keep what the table already knew (the narrowed window can only have confirmed it).
    if (best < lower) best = lower;
    if (best > upper) best = upper;
    if (best <= alphaIn) tt.store(hash, pLo, pHi, oLo, oHi, lower, best, bestMove);
    else if (best >= betaIn) tt.store(hash, pLo, pHi, oLo, oHi, best, upper, bestMove);
    else tt.store(hash, pLo, pHi, oLo, oHi, best, best, bestMove);
    return best;
  }

  /** Fastest first: ascending (replies · 16 + corner replies · 8 − 8 for a corner move). */
  private orderMoves(ply: number, mLo: number, mHi: number, ttMove: number): number {
    const st = this.stack;
    const board = st.board;
    const b = ply << 2;
    const pLo = board[b]!;
    const pHi = board[b + 1]!;
    const oLo = board[b + 2]!;
    const oHi = board[b + 3]!;
    const flips = st.flips;
    const replies = this.scratch;
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
        flipsInto(pLo, pHi, oLo, oHi, sq, flips, 0);
        const fLo = flips[0]!;
        const fHi = flips[1]!;
        let key = Number.NEGATIVE_INFINITY;
        if (sq !== ttMove) {
          const sLo = sq < 32 ? 1 << sq : 0;
          const sHi = sq < 32 ? 0 : 1 << (sq - 32);
          legalMovesInto(oLo ^ fLo, oHi ^ fHi, pLo | fLo | sLo, pHi | fHi | sHi, replies, 0);
          const rLo = replies[0]!;
          const rHi = replies[1]!;
          key =
            (popcount32(rLo) + popcount32(rHi)) * 16 +
            (popcount32(rLo & CORNERS_LO) + popcount32(rHi & CORNERS_HI)) * 8 -
            ((sLo & CORNERS_LO) !== 0 || (sHi & CORNERS_HI) !== 0 ? 8 : 0);
        }
        let j = base + n;
        while (j > base && keys[j - 1]! > key) {
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

  private shallow(ply: number, empties: number, alpha: number, beta: number): number {
    if (this.ctx.enter()) return 0;
    const st = this.stack;
    const board = st.board;
    const b = ply << 2;
    const pLo = board[b]!;
    const pHi = board[b + 1]!;
    const oLo = board[b + 2]!;
    const oHi = board[b + 3]!;
    if (empties === 0) return finalScoreBoard(pLo, pHi, oLo, oHi);
    if (empties === 1) return this.lastEmpty(pLo, pHi, oLo, oHi);
    legalMovesInto(pLo, pHi, oLo, oHi, st.moves, ply << 1);
    const mLo = st.moves[ply << 1]!;
    const mHi = st.moves[(ply << 1) + 1]!;
    if ((mLo | mHi) === 0) {
      if (!hasLegalMove(oLo, oHi, pLo, pHi)) return finalScoreBoard(pLo, pHi, oLo, oHi);
      st.makePass(ply, false);
      return -this.shallow(ply + 1, empties, -beta, -alpha);
    }
    const eLo = ~(pLo | oLo);
    const eHi = ~(pHi | oHi);
    const oddLo =
      (popcount32(eLo & QUAD_WEST) & 1 ? QUAD_WEST : 0) |
      (popcount32(eLo & QUAD_EAST) & 1 ? QUAD_EAST : 0);
    const oddHi =
      (popcount32(eHi & QUAD_WEST) & 1 ? QUAD_WEST : 0) |
      (popcount32(eHi & QUAD_EAST) & 1 ? QUAD_EAST : 0);
    const flips = st.flips;
    let best = -65;
    let a = alpha;
    for (let group = 0; group < 2; group++) {
      let bits = group === 0 ? mLo & oddLo : mLo & ~oddLo;
      let off = 0;
      for (let half = 0; half < 2; half++) {
        while (bits !== 0) {
          const bit = bits & -bits;
          bits ^= bit;
          const sq = off + 31 - Math.clz32(bit);
          flipsInto(pLo, pHi, oLo, oHi, sq, flips, 0);
          st.makeChild(ply, sq, flips[0]!, flips[1]!, false);
          const value = -this.shallow(ply + 1, empties - 1, -beta, -a);
          if (this.ctx.aborted) return 0;
          if (value > best) {
            best = value;
            if (value >= beta) return best;
            if (value > a) a = value;
          }
        }
        bits = group === 0 ? mHi & oddHi : mHi & ~oddHi;
        off = 32;
      }
    }
    return best;
  }

  /** One empty square left: whoever can move there does (side to move first), else game over. */
  private lastEmpty(pLo: number, pHi: number, oLo: number, oHi: number): number {
    const eLo = ~(pLo | oLo);
    const eHi = ~(pHi | oHi);
    const sq = eLo !== 0 ? 31 - Math.clz32(eLo & -eLo) : 63 - Math.clz32(eHi & -eHi);
    const mine = popcount32(pLo) + popcount32(pHi);
    const f = this.scratch;
    flipsInto(pLo, pHi, oLo, oHi, sq, f, 0);
    let flipped = popcount32(f[0]!) + popcount32(f[1]!);
    if (flipped !== 0) return 2 * (mine + flipped + 1) - 64;
    flipsInto(oLo, oHi, pLo, pHi, sq, f, 0);
    flipped = popcount32(f[0]!) + popcount32(f[1]!);
    if (flipped !== 0) return 2 * (mine - flipped) - 64;
    // Nobody can move: 63 discs, the empty goes to the winner (the difference is odd, never 0).
    const diff = 2 * mine - 63;
    return diff > 0 ? diff + 1 : diff - 1;
  }
}
