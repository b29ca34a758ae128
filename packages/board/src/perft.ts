import { popcount32 } from './bits';
import { hasLegalMove, legalMovesInto } from './moves';
import { playInto } from './flips';

/** Perft scratch: one 6-int frame per ply (board, then its moves), grown on demand. */
let stack = new Int32Array(6 * 64);

/**
 * Leaves of the game tree `depth` plies deep (standard convention: a forced pass is a ply, a
 * finished game is a leaf at any depth). The last ply is counted, not played (bulk counting).
 * Counts above 2^53 lose precision (far beyond any depth one would run).
 */
export function perft(pLo: number, pHi: number, oLo: number, oHi: number, depth: number): number {
  if (depth <= 0) return 1;
  if (stack.length < 6 * (depth + 2)) stack = new Int32Array(6 * (depth + 2));
  const st = stack;
  st[0] = pLo;
  st[1] = pHi;
  st[2] = oLo;
  st[3] = oHi;
  return perftAt(st, 0, depth);
}

function perftAt(st: Int32Array, at: number, depth: number): number {
  const pLo = st[at]!;
  const pHi = st[at + 1]!;
  const oLo = st[at + 2]!;
  const oHi = st[at + 3]!;
  legalMovesInto(pLo, pHi, oLo, oHi, st, at + 4);
  let mLo = st[at + 4]!;
  let mHi = st[at + 5]!;
  const next = at + 6;
  if ((mLo | mHi) === 0) {
    // No move: the pass is one ply with one child, unless the opponent cannot move either; then
    // the game is over and this is a leaf. At depth 1 both cases count 1.
    if (depth === 1 || !hasLegalMove(oLo, oHi, pLo, pHi)) return 1;
    st[next] = oLo;
    st[next + 1] = oHi;
    st[next + 2] = pLo;
    st[next + 3] = pHi;
    return perftAt(st, next, depth - 1);
  }
  if (depth === 1) return popcount32(mLo) + popcount32(mHi);
  let leaves = 0;
  while (mLo !== 0) {
    const bit = mLo & -mLo;
    mLo ^= bit;
    playInto(pLo, pHi, oLo, oHi, 31 - Math.clz32(bit), st, next);
    leaves += perftAt(st, next, depth - 1);
  }
  while (mHi !== 0) {
    const bit = mHi & -mHi;
    mHi ^= bit;
    playInto(pLo, pHi, oLo, oHi, 63 - Math.clz32(bit), st, next);
    leaves += perftAt(st, next, depth - 1);
  }
  return leaves;
}
