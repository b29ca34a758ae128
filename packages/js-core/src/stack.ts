import { flipsInto, legalMovesInto } from '@prismind/board';
import { childFeaturesInto, copy46 } from './features';

/**
 * The search's whole state, one slot per ply, in typed arrays (no allocation while searching):
 * the board from the side to move's view (pLo, pHi, oLo, oHi), whether black is to move, the 46
 * feature offsets (absolute colours, carried incrementally from parent to child), the legal moves,
 * and a move list per ply for ordering.
 */

/** Plies a search can reach: 60 moves plus at most one pass between two moves. */
export const MAX_PLY = 128;

export class SearchStack {
  readonly board: Int32Array = new Int32Array(4 * MAX_PLY);
  /** 1 when black is to move at the ply. */
  readonly black: Uint8Array = new Uint8Array(MAX_PLY);
  readonly feats: Int32Array = new Int32Array(46 * MAX_PLY);
  /** legalMovesInto output per ply: [lo, hi]. */
  readonly moves: Int32Array = new Int32Array(2 * MAX_PLY);
  /** Move lists for ordering: 64 slots per ply. */
  readonly listSq: Int32Array = new Int32Array(64 * MAX_PLY);
  readonly listFLo: Int32Array = new Int32Array(64 * MAX_PLY);
  readonly listFHi: Int32Array = new Int32Array(64 * MAX_PLY);
  readonly listKey: Float64Array = new Float64Array(64 * MAX_PLY);
  /** Scratch for flipsInto. */
  readonly flips: Int32Array = new Int32Array(2);

  /** Set ply `ply` from a side-relative board, the colour to move and its features. */
  setPly(
    ply: number,
    pLo: number,
    pHi: number,
    oLo: number,
    oHi: number,
    black: boolean,
    feats: Int32Array,
    featsAt: number,
  ): void {
    const b = ply << 2;
    this.board[b] = pLo;
    this.board[b + 1] = pHi;
    this.board[b + 2] = oLo;
    this.board[b + 3] = oHi;
    this.black[ply] = black ? 1 : 0;
    copy46(feats, featsAt, this.feats, ply * 46);
  }

  /** Legal moves of ply `ply` into moves[2 ply], moves[2 ply + 1]. */
  genMoves(ply: number): void {
    const b = ply << 2;
    const board = this.board;
    legalMovesInto(board[b]!, board[b + 1]!, board[b + 2]!, board[b + 3]!, this.moves, ply << 1);
  }

  /** The flips of `sq` at ply `ply` into flips[0], flips[1]. */
  genFlips(ply: number, sq: number): void {
    const b = ply << 2;
    const board = this.board;
    flipsInto(board[b]!, board[b + 1]!, board[b + 2]!, board[b + 3]!, sq, this.flips, 0);
  }

  /** Ply + 1 := ply after the legal move `sq` flipping (fLo, fHi); features too when `withFeats`. */
  makeChild(ply: number, sq: number, fLo: number, fHi: number, withFeats: boolean): void {
    const board = this.board;
    const b = ply << 2;
    const c = b + 4;
    const sLo = sq < 32 ? 1 << sq : 0;
    const sHi = sq < 32 ? 0 : 1 << (sq - 32);
    board[c] = board[b + 2]! ^ fLo;
    board[c + 1] = board[b + 3]! ^ fHi;
    board[c + 2] = board[b]! | fLo | sLo;
    board[c + 3] = board[b + 1]! | fHi | sHi;
    const black = this.black[ply]!;
    this.black[ply + 1] = black ^ 1;
    if (withFeats) {
      childFeaturesInto(this.feats, ply * 46, this.feats, ply * 46 + 46, black === 1, sq, fLo, fHi);
    }
  }

  /** Ply + 1 := ply with the sides swapped (a pass); features too when `withFeats`. */
  makePass(ply: number, withFeats: boolean): void {
    const board = this.board;
    const b = ply << 2;
    board[b + 4] = board[b + 2]!;
    board[b + 5] = board[b + 3]!;
    board[b + 6] = board[b]!;
    board[b + 7] = board[b + 1]!;
    this.black[ply + 1] = this.black[ply]! ^ 1;
    if (withFeats) copy46(this.feats, ply * 46, this.feats, ply * 46 + 46);
  }
}
