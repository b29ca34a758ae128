/**
 * The fast core: Othello on bitboards held as 32-bit halves, for engines that call it millions of
 * times per second. Nothing here allocates.
 *
 * A board is four int32 numbers, always from the side to move's view:
 *   pLo, pHi — the discs of the player to move (squares 0..31 in pLo, 32..63 in pHi),
 *   oLo, oHi — the discs of the opponent.
 * Bit `s & 31` of the half `s >>> 5` is square `s` (a1 = 0 … h8 = 63, docs/engine-spec.md).
 * Halves are int32 bit patterns: a value read back may be negative (bit 31 set). Any number whose
 * low 32 bits are the pattern is accepted (JavaScript bit operators truncate), so unsigned inputs
 * work too. Results go into caller-owned Int32Arrays at a caller-chosen offset, so an engine can
 * keep its whole search stack in one array.
 *
 * Why halves and not BigInt: BigInt allocates on every operation and measured two orders of
 * magnitude slower in V8 (see bench/). Why Int32Array and not Uint32Array: int32 values stay small
 * integers in V8, while u32 values above 2^31 become doubles.
 */

/** Columns b..g in every row: the opponent discs a horizontal or diagonal ray may run over. */
const INNER = 0x7e7e7e7e;

/**
 * Legal moves of the side to move, written as two halves at `out[at]` (lo) and `out[at + 1]` (hi).
 * Kogge–Stone style flood per direction: each direction shifts whole halves, carrying bits across
 * the half boundary for the vertical and diagonal directions.
 */
export function legalMovesInto(
  pLo: number,
  pHi: number,
  oLo: number,
  oHi: number,
  out: Int32Array,
  at: number,
): void {
  const eLo = ~(pLo | oLo);
  const eHi = ~(pHi | oHi);
  const iLo = oLo & INNER;
  const iHi = oHi & INNER;
  let mLo = 0;
  let mHi = 0;
  let fLo = 0;
  let fHi = 0;
  let qLo = 0;
  let qHi = 0;
  let tLo = 0;

  // East (+1) and west (-1): rows never cross the half boundary, so each half floods alone.
  fLo = (pLo << 1) & iLo;
  fHi = (pHi << 1) & iHi;
  fLo |= (fLo << 1) & iLo;
  fHi |= (fHi << 1) & iHi;
  qLo = iLo & (iLo << 1);
  qHi = iHi & (iHi << 1);
  fLo |= (fLo << 2) & qLo;
  fHi |= (fHi << 2) & qHi;
  fLo |= (fLo << 2) & qLo;
  fHi |= (fHi << 2) & qHi;
  mLo |= fLo << 1;
  mHi |= fHi << 1;

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

  // North (+8): shift left, the top byte of lo carries into hi.
  fLo = (pLo << 8) & oLo;
  fHi = ((pHi << 8) | (pLo >>> 24)) & oHi;
  tLo = fLo;
  fLo |= (fLo << 8) & oLo;
  fHi |= ((fHi << 8) | (tLo >>> 24)) & oHi;
  qLo = oLo & (oLo << 8);
  qHi = oHi & ((oHi << 8) | (oLo >>> 24));
  tLo = fLo;
  fLo |= (fLo << 16) & qLo;
  fHi |= ((fHi << 16) | (tLo >>> 16)) & qHi;
  tLo = fLo;
  fLo |= (fLo << 16) & qLo;
  fHi |= ((fHi << 16) | (tLo >>> 16)) & qHi;
  mLo |= fLo << 8;
  mHi |= (fHi << 8) | (fLo >>> 24);

  // South (-8): shift right, the low byte of hi carries into lo.
  fHi = (pHi >>> 8) & oHi;
  fLo = ((pLo >>> 8) | (pHi << 24)) & oLo;
  tLo = fHi;
  fHi |= (fHi >>> 8) & oHi;
  fLo |= ((fLo >>> 8) | (tLo << 24)) & oLo;
  qHi = oHi & (oHi >>> 8);
  qLo = oLo & ((oLo >>> 8) | (oHi << 24));
  tLo = fHi;
  fHi |= (fHi >>> 16) & qHi;
  fLo |= ((fLo >>> 16) | (tLo << 16)) & qLo;
  tLo = fHi;
  fHi |= (fHi >>> 16) & qHi;
  fLo |= ((fLo >>> 16) | (tLo << 16)) & qLo;
  mHi |= fHi >>> 8;
  mLo |= (fLo >>> 8) | (fHi << 24);

  // North-east (+9).
  fLo = (pLo << 9) & iLo;
  fHi = ((pHi << 9) | (pLo >>> 23)) & iHi;
  tLo = fLo;
  fLo |= (fLo << 9) & iLo;
  fHi |= ((fHi << 9) | (tLo >>> 23)) & iHi;
  qLo = iLo & (iLo << 9);
  qHi = iHi & ((iHi << 9) | (iLo >>> 23));
  tLo = fLo;
  fLo |= (fLo << 18) & qLo;
  fHi |= ((fHi << 18) | (tLo >>> 14)) & qHi;
  tLo = fLo;
  fLo |= (fLo << 18) & qLo;
  fHi |= ((fHi << 18) | (tLo >>> 14)) & qHi;
  mLo |= fLo << 9;
  mHi |= (fHi << 9) | (fLo >>> 23);

  // South-west (-9).
  fHi = (pHi >>> 9) & iHi;
  fLo = ((pLo >>> 9) | (pHi << 23)) & iLo;
  tLo = fHi;
  fHi |= (fHi >>> 9) & iHi;
  fLo |= ((fLo >>> 9) | (tLo << 23)) & iLo;
  qHi = iHi & (iHi >>> 9);
  qLo = iLo & ((iLo >>> 9) | (iHi << 23));
  tLo = fHi;
  fHi |= (fHi >>> 18) & qHi;
  fLo |= ((fLo >>> 18) | (tLo << 14)) & qLo;
  tLo = fHi;
  fHi |= (fHi >>> 18) & qHi;
  fLo |= ((fLo >>> 18) | (tLo << 14)) & qLo;
  mHi |= fHi >>> 9;
  mLo |= (fLo >>> 9) | (fHi << 23);

  // North-west (+7).
  fLo = (pLo << 7) & iLo;
  fHi = ((pHi << 7) | (pLo >>> 25)) & iHi;
  tLo = fLo;
  fLo |= (fLo << 7) & iLo;
  fHi |= ((fHi << 7) | (tLo >>> 25)) & iHi;
  qLo = iLo & (iLo << 7);
  qHi = iHi & ((iHi << 7) | (iLo >>> 25));
  tLo = fLo;
  fLo |= (fLo << 14) & qLo;
  fHi |= ((fHi << 14) | (tLo >>> 18)) & qHi;
  tLo = fLo;
  fLo |= (fLo << 14) & qLo;
  fHi |= ((fHi << 14) | (tLo >>> 18)) & qHi;
  mLo |= fLo << 7;
  mHi |= (fHi << 7) | (fLo >>> 25);

  // South-east (-7).
  fHi = (pHi >>> 7) & iHi;
  fLo = ((pLo >>> 7) | (pHi << 25)) & iLo;
  tLo = fHi;
  fHi |= (fHi >>> 7) & iHi;
  fLo |= ((fLo >>> 7) | (tLo << 25)) & iLo;
  qHi = iHi & (iHi >>> 7);
  qLo = iLo & ((iLo >>> 7) | (iHi << 25));
  tLo = fHi;
  fHi |= (fHi >>> 14) & qHi;
  fLo |= ((fLo >>> 14) | (tLo << 18)) & qLo;
  tLo = fHi;
  fHi |= (fHi >>> 14) & qHi;
  fLo |= ((fLo >>> 14) | (tLo << 18)) & qLo;
  mHi |= fHi >>> 7;
  mLo |= (fLo >>> 7) | (fHi << 25);

  out[at] = mLo & eLo;
  out[at + 1] = mHi & eHi;
}

/** Directions as (dcol, drow); the first four step to higher square indices, the last four lower. */
const DIRS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 1],
  [0, 1],
  [1, 1],
  [-1, 0],
  [1, -1],
  [0, -1],
  [-1, -1],
];

/**
 * RAYS[(sq * 8 + d) * 2 + half]: the squares seen from `sq` in direction `d`, the square itself
 * excluded, up to the edge. Built once at load (1,024 int32).
 */
const RAYS: Int32Array = buildRays();

function buildRays(): Int32Array {
  const rays = new Int32Array(64 * 8 * 2);
  for (let sq = 0; sq < 64; sq++) {
    for (let d = 0; d < 8; d++) {
      const [dc, dr] = DIRS[d]!;
      let c = (sq & 7) + dc;
      let r = (sq >>> 3) + dr;
      while (c >= 0 && c < 8 && r >= 0 && r < 8) {
        const s = c + 8 * r;
        rays[(sq * 8 + d) * 2 + (s >>> 5)]! |= 1 << (s & 31);
        c += dc;
        r += dr;
      }
    }
  }
  return rays;
}

/**
 * The discs that playing `sq` would flip, written at `out[at]` (lo) and `out[at + 1]` (hi); both 0
 * when the move flips nothing (illegal). `sq` must be empty — that is not checked here.
 * Per direction, no loop over squares: along the ray, the first square that is not an opponent
 * disc (lowest bit for rays going up, highest for rays going down) must be the mover's disc; the
 * ray's squares before it are the flips.
 */
export function flipsInto(
  pLo: number,
  pHi: number,
  oLo: number,
  oHi: number,
  sq: number,
  out: Int32Array,
  at: number,
): void {
  const rays = RAYS;
  let base = sq << 4;
  let fLo = 0;
  let fHi = 0;
  const nLo = ~oLo;
  const nHi = ~oHi;
  // Rays toward higher squares: the nearest blocker is the lowest set bit.
  for (let d = 0; d < 4; d++, base += 2) {
    const rLo = rays[base]!;
    const rHi = rays[base + 1]!;
    const bLo = rLo & nLo;
    if (bLo !== 0) {
      const first = bLo & -bLo;
      if ((first & pLo) !== 0) fLo |= rLo & (first - 1);
    } else {
      const bHi = rHi & nHi;
      if (bHi !== 0) {
        const first = bHi & -bHi;
        if ((first & pHi) !== 0) {
          fLo |= rLo;
          fHi |= rHi & (first - 1);
        }
      }
    }
  }
  // Rays toward lower squares: the nearest blocker is the highest set bit.
  for (let d = 4; d < 8; d++, base += 2) {
    const rLo = rays[base]!;
    const rHi = rays[base + 1]!;
    const bHi = rHi & nHi;
    if (bHi !== 0) {
      const z = Math.clz32(bHi);
      if (pHi << z < 0) fHi |= rHi & ~(-1 >>> z);
    } else {
      const bLo = rLo & nLo;
      if (bLo !== 0) {
        const z = Math.clz32(bLo);
        if (pLo << z < 0) {
          fHi |= rHi;
          fLo |= rLo & ~(-1 >>> z);
        }
      }
    }
  }
  out[at] = fLo;
  out[at + 1] = fHi;
}

/** Number of set bits of a 32-bit pattern. */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of set bits of a bitboard given as two halves. */
export function popcount64(lo: number, hi: number): number {
  return popcount32(lo) + popcount32(hi);
}

/** Lowest set square of a bitboard (0..63), or -1 when it is empty. */
export function lowestSquare(lo: number, hi: number): number {
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  if (hi !== 0) return 63 - Math.clz32(hi & -hi);
  return -1;
}

/** Scratch for the functions below that need an intermediate pair; module-private. */
const SCRATCH = new Int32Array(2);

/**
 * Play `sq` for the side to move and write the child board at `out[at..at+3]` — already from the
 * new side to move's view: (pLo, pHi, oLo, oHi) of the child = (opponent ^ flips, mover | flips |
 * sq). Returns the number of discs flipped; 0 means the move is illegal (occupied square or no
 * flip) and then nothing is written. `out` may be the array the inputs were read from.
 */
export function playInto(
  pLo: number,
  pHi: number,
  oLo: number,
  oHi: number,
  sq: number,
  out: Int32Array,
  at: number,
): number {
  const bLo = sq < 32 ? 1 << sq : 0;
  const bHi = sq < 32 ? 0 : 1 << (sq - 32);
  if (((pLo | oLo) & bLo) !== 0 || ((pHi | oHi) & bHi) !== 0) return 0;
  const s = SCRATCH;
  flipsInto(pLo, pHi, oLo, oHi, sq, s, 0);
  const fLo = s[0]!;
  const fHi = s[1]!;
  if ((fLo | fHi) === 0) return 0;
  out[at] = oLo ^ fLo;
  out[at + 1] = oHi ^ fHi;
  out[at + 2] = pLo | fLo | bLo;
  out[at + 3] = pHi | fHi | bHi;
  return popcount32(fLo) + popcount32(fHi);
}

/** True when the side to move has at least one legal move. */
export function hasLegalMove(pLo: number, pHi: number, oLo: number, oHi: number): boolean {
  const s = SCRATCH;
  legalMovesInto(pLo, pHi, oLo, oHi, s, 0);
  return (s[0]! | s[1]!) !== 0;
}

/** Number of legal moves of the side to move. */
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
 * Final score of a finished game from the side to move's view: discs of the side to move minus
 * the opponent's, empties to the winner (docs/engine-spec.md); a draw is 0.
 */
export function finalScoreBoard(pLo: number, pHi: number, oLo: number, oHi: number): number {
  const p = popcount32(pLo) + popcount32(pHi);
  const o = popcount32(oLo) + popcount32(oHi);
  const e = 64 - p - o;
  if (p > o) return p - o + e;
  if (o > p) return p - o - e;
  return 0;
}

/** Perft scratch: one 6-int frame per ply (board, then moves), grown on demand. */
let perftStack = new Int32Array(6 * 64);

/**
 * Leaves of the game tree to `depth` plies from the board (standard convention: a forced pass is a
 * ply, a finished game is a leaf). The last ply is counted, not played.
 */
export function perft(pLo: number, pHi: number, oLo: number, oHi: number, depth: number): number {
  if (depth <= 0) return 1;
  if (perftStack.length < 6 * (depth + 1)) perftStack = new Int32Array(6 * (depth + 1));
  const st = perftStack;
  st[0] = pLo;
  st[1] = pHi;
  st[2] = oLo;
  st[3] = oHi;
  return perftAt(st, 0, depth, false);
}

function perftAt(st: Int32Array, at: number, depth: number, passed: boolean): number {
  const pLo = st[at]!;
  const pHi = st[at + 1]!;
  const oLo = st[at + 2]!;
  const oHi = st[at + 3]!;
  legalMovesInto(pLo, pHi, oLo, oHi, st, at + 4);
  let mLo = st[at + 4]!;
  let mHi = st[at + 5]!;
  if ((mLo | mHi) === 0) {
    // A pass (one ply) unless the opponent cannot move either: then the game is over, a leaf.
    if (passed || depth === 1) return 1;
    const next = at + 6;
    st[next] = oLo;
    st[next + 1] = oHi;
    st[next + 2] = pLo;
    st[next + 3] = pHi;
    return perftAt(st, next, depth - 1, true);
  }
  if (depth === 1) return popcount32(mLo) + popcount32(mHi);
  const next = at + 6;
  let leaves = 0;
  while (mLo !== 0) {
    const bit = mLo & -mLo;
    mLo ^= bit;
    playInto(pLo, pHi, oLo, oHi, 31 - Math.clz32(bit), st, next);
    leaves += perftAt(st, next, depth - 1, false);
  }
  while (mHi !== 0) {
    const bit = mHi & -mHi;
    mHi ^= bit;
    playInto(pLo, pHi, oLo, oHi, 63 - Math.clz32(bit), st, next);
    leaves += perftAt(st, next, depth - 1, false);
  }
  return leaves;
}

/** The start position from black's view (black to move): black d5 e4, white d4 e5. */
export const START_P_LO: number = 1 << 28;
export const START_P_HI: number = 1 << 3;
export const START_O_LO: number = 1 << 27;
export const START_O_HI: number = 1 << 4;
