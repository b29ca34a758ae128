import { popcount32 } from './bits';

/**
 * Legal-move generation on the fast representation, for engines that call it millions of times a
 * second. Nothing here allocates.
 *
 * A board is four int32 numbers, always from the side to move's view:
 *   pLo, pHi: the discs of the player to move (squares 0..31 in pLo, 32..63 in pHi),
 *   oLo, oHi: the discs of the opponent.
 * Bit `s & 31` of half `s >>> 5` is square `s` (a1 = 0 … h8 = 63, docs/engine-spec.md). Halves are
 * int32 bit patterns: a value read back may be negative (bit 31 set). Any number whose low 32 bits
 * are the pattern is accepted (JavaScript bit operators truncate), so unsigned inputs work too.
 * Results go into caller-owned Int32Arrays at a caller-chosen offset, so an engine can keep its
 * whole search stack in one array.
 *
 * Why halves and not BigInt: BigInt allocates on every operation and measured far slower in V8
 * (README.md, "Performance"). Why Int32Array: int32 values stay small integers in V8, while u32
 * values above 2^31 become doubles.
 */

/** Files b..g in every rank: the opponent discs a horizontal or diagonal run may cross. */
const INNER = 0x7e7e7e7e;

/**
 * Legal moves of the side to move, written at `out[at]` (lo) and `out[at + 1]` (hi).
 *
 * Per direction, a flood fill over whole halves: f = shift(P) & O, then f |= shift(f) & O, and the
 * moves are shift(f) & empty. Ranks 1..4 live in lo and 5..8 in hi, so a horizontal run never
 * crosses halves (each half floods alone: an addition for east, Kogge–Stone for west), and a
 * vertical or diagonal run crosses at most once, in one known direction: flood the half it starts
 * in first (three steps cover four ranks), then seed the other half with what leaves the top (or
 * bottom) rank — the mover's discs and the flood there — and flood it. Opponent discs on files a and h are masked out
 * for the directions with a horizontal component, so nothing wraps from one rank into the next.
 */
export function legalMovesInto(
  pLo: number,
  pHi: number,
  oLo: number,
  oHi: number,
  out: Int32Array,
  at: number,
): void {
  const iLo = oLo & INNER;
  const iHi = oHi & INNER;
  let mLo = 0;
  let mHi = 0;
  let fLo = 0;
  let fHi = 0;
  let qLo = 0;
  let qHi = 0;

  // East (+1): an addition does the flood. The seeds are the opponent discs just east of a mover's
  // disc (the start of a run); adding them to the inner opponent discs carries through each run
  // and stops on the square just past it, the only new bits outside iLo/iHi. Runs stay inside
  // files b..g, so no carry leaves a rank.
  fLo = (pLo << 1) & iLo;
  fHi = (pHi << 1) & iHi;
  mLo = (iLo + fLo) & ~iLo;
  mHi = (iHi + fHi) & ~iHi;

  // West (-1): carries go the wrong way, so Kogge–Stone in each half (1 + 1 + 2 + 2 squares).
  fLo = (pLo >>> 1) & iLo;
  fHi = (pHi >>> 1) & iHi;
  fLo |= (fLo >>> 1) & iLo;
  fHi |= (fHi >>> 1) & iHi;
  qLo = iLo & (iLo >>> 1);
  qHi = iHi & (iHi >>> 1);
  fLo |= (fLo >>> 2) & qLo;
  fHi |= (fHi >>> 2) & qHi;
  fLo |= (fLo >>> 2) & qLo;
  fHi |= (fHi >>> 2) & qHi;
  mLo |= fLo >>> 1;
  mHi |= fHi >>> 1;

  // North (+8): lo first, then hi seeded by rank 4 (mover's discs and flood) shifted up.
  fLo = (pLo << 8) & oLo;
  fLo |= (fLo << 8) & oLo;
  fLo |= (fLo << 8) & oLo;
  fHi = ((pHi << 8) | ((pLo | fLo) >>> 24)) & oHi;
  fHi |= (fHi << 8) & oHi;
  fHi |= (fHi << 8) & oHi;
  mLo |= fLo << 8;
  mHi |= (fHi << 8) | (fLo >>> 24);

  // South (-8): hi first, then lo seeded by rank 5 shifted down.
  fHi = (pHi >>> 8) & oHi;
  fHi |= (fHi >>> 8) & oHi;
  fHi |= (fHi >>> 8) & oHi;
  fLo = ((pLo >>> 8) | ((pHi | fHi) << 24)) & oLo;
  fLo |= (fLo >>> 8) & oLo;
  fLo |= (fLo >>> 8) & oLo;
  mHi |= fHi >>> 8;
  mLo |= (fLo >>> 8) | (fHi << 24);

  // North-east (+9).
  fLo = (pLo << 9) & iLo;
  fLo |= (fLo << 9) & iLo;
  fLo |= (fLo << 9) & iLo;
  fHi = ((pHi << 9) | ((pLo | fLo) >>> 23)) & iHi;
  fHi |= (fHi << 9) & iHi;
  fHi |= (fHi << 9) & iHi;
  mLo |= fLo << 9;
  mHi |= (fHi << 9) | (fLo >>> 23);

  // South-west (-9).
  fHi = (pHi >>> 9) & iHi;
  fHi |= (fHi >>> 9) & iHi;
  fHi |= (fHi >>> 9) & iHi;
  fLo = ((pLo >>> 9) | ((pHi | fHi) << 23)) & iLo;
  fLo |= (fLo >>> 9) & iLo;
  fLo |= (fLo >>> 9) & iLo;
  mHi |= fHi >>> 9;
  mLo |= (fLo >>> 9) | (fHi << 23);

  // North-west (+7).
  fLo = (pLo << 7) & iLo;
  fLo |= (fLo << 7) & iLo;
  fLo |= (fLo << 7) & iLo;
  fHi = ((pHi << 7) | ((pLo | fLo) >>> 25)) & iHi;
  fHi |= (fHi << 7) & iHi;
  fHi |= (fHi << 7) & iHi;
  mLo |= fLo << 7;
  mHi |= (fHi << 7) | (fLo >>> 25);

  // South-east (-7).
  fHi = (pHi >>> 7) & iHi;
  fHi |= (fHi >>> 7) & iHi;
  fHi |= (fHi >>> 7) & iHi;
  fLo = ((pLo >>> 7) | ((pHi | fHi) << 25)) & iLo;
  fLo |= (fLo >>> 7) & iLo;
  fLo |= (fLo >>> 7) & iLo;
  mHi |= fHi >>> 7;
  mLo |= (fLo >>> 7) | (fHi << 25);

  out[at] = mLo & ~(pLo | oLo);
  out[at + 1] = mHi & ~(pHi | oHi);
}

/** Scratch for the scalar helpers below (module-private, never escapes). */
const SCRATCH = new Int32Array(2);

/** True when the side to move has at least one legal move. */
export function hasLegalMove(pLo: number, pHi: number, oLo: number, oHi: number): boolean {
  const s = SCRATCH;
  legalMovesInto(pLo, pHi, oLo, oHi, s, 0);
  return (s[0]! | s[1]!) !== 0;
}

/** Number of legal moves of the side to move (its mobility). */
export function countLegalMoves(pLo: number, pHi: number, oLo: number, oHi: number): number {
  const s = SCRATCH;
  legalMovesInto(pLo, pHi, oLo, oHi, s, 0);
  return popcount32(s[0]!) + popcount32(s[1]!);
}

/** True when neither side has a legal move. */
export function isGameOverBoard(pLo: number, pHi: number, oLo: number, oHi: number): boolean {
  return !hasLegalMove(pLo, pHi, oLo, oHi) && !hasLegalMove(oLo, oHi, pLo, pHi);
}

/**
 * Final score from the side to move's view: its discs minus the opponent's, empties to the winner
 * (docs/engine-spec.md); a draw is 0. Meaningful for a finished game; computed for any board.
 */
export function finalScoreBoard(pLo: number, pHi: number, oLo: number, oHi: number): number {
  const p = popcount32(pLo) + popcount32(pHi);
  const o = popcount32(oLo) + popcount32(oHi);
  if (p > o) return 64 - 2 * o;
  if (o > p) return 2 * p - 64;
  return 0;
}

/** The start position from black's view (black to move): black on d5 and e4, white on d4, e5. */
export const START_P_LO: number = 1 << 28;
export const START_P_HI: number = 1 << 3;
export const START_O_LO: number = 1 << 27;
export const START_O_HI: number = 1 << 4;
