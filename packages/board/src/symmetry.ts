import { PrismindError } from './contracts/errors';
import type { CellsInput } from './contracts/types';
import { Position } from './position';
import { parseSquare } from './squares';
import { parseCells } from './validate';

/**
 * The 8 symmetries of the board (docs/engine-spec.md, "Symmetries"): symmetry k maps square
 * (col, row) by, in this order, if k & 4 swapping col and row (transpose on the a1–h8 diagonal),
 * if k & 1 col = 7 - col, if k & 2 row = 7 - row. k = 0 is the identity.
 */
export const SYMMETRY_COUNT = 8;

function mapSquare(k: number, sq: number): number {
  let col = sq & 7;
  let row = sq >>> 3;
  if (k & 4) [col, row] = [row, col];
  if (k & 1) col = 7 - col;
  if (k & 2) row = 7 - row;
  return col + 8 * row;
}

/** SYMMETRY_TABLE[k * 64 + sq]: the image of square sq under symmetry k. */
export const SYMMETRY_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(8 * 64);
  for (let k = 0; k < 8; k++) for (let s = 0; s < 64; s++) t[k * 64 + s] = mapSquare(k, s);
  return t;
})();

/** INVERSE_SYMMETRY[k]: the symmetry that undoes k (5 and 6 undo each other; the rest, themselves). */
export const INVERSE_SYMMETRY: readonly number[] = Object.freeze(
  Array.from({ length: 8 }, (_, k) => {
    for (let j = 0; j < 8; j++) {
      let ok = true;
      for (let s = 0; s < 64 && ok; s++) ok = mapSquare(j, mapSquare(k, s)) === s;
      if (ok) return j;
    }
    throw new Error('unreachable: every symmetry has an inverse');
  }),
);

function checkSymmetry(k: unknown): number {
  if (typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < 8) return k;
  throw new PrismindError(
    'INVALID_OPTIONS',
    `symmetry ${String(k)} is not a symmetry; expected an integer 0..7`,
    { details: { symmetry: k } },
  );
}

/** The symmetry that undoes `k`. */
export function inverseSymmetry(k: number): number {
  return INVERSE_SYMMETRY[checkSymmetry(k)]!;
}

/** The image of a square (index or name) under symmetry k (0..7), as an index. */
export function transformSquare(k: number, square: number | string): number {
  return SYMMETRY_TABLE[checkSymmetry(k) * 64 + parseSquare(square)]!;
}

/**
 * The image of a bitboard (lo, hi) under symmetry k, written at out[at] (lo) and out[at + 1]
 * (hi). Walks the set bits (not meant for an engine's inner loop).
 */
export function transformBitsInto(
  k: number,
  lo: number,
  hi: number,
  out: Int32Array,
  at: number,
): void {
  const base = checkSymmetry(k) * 64;
  const t = SYMMETRY_TABLE;
  let rLo = 0;
  let rHi = 0;
  for (let half = 0; half < 2; half++) {
    let bits = half === 0 ? lo : hi;
    while (bits !== 0) {
      const bit = bits & -bits;
      bits ^= bit;
      const img = t[base + half * 32 + 31 - Math.clz32(bit)]!;
      if (img < 32) rLo |= 1 << img;
      else rHi |= 1 << (img - 32);
    }
  }
  out[at] = rLo;
  out[at + 1] = rHi;
}

/** The position with every disc moved to its image under symmetry k; same player to move. */
export function transformPosition(k: number, position: Position): Position {
  const s = new Int32Array(4);
  transformBitsInto(k, position.pLo, position.pHi, s, 0);
  transformBitsInto(k, position.oLo, position.oHi, s, 2);
  return Position.fromBoard(s[0]!, s[1]!, s[2]!, s[3]!, position.player);
}

/**
 * 64 cells moved by symmetry k: out[image(s)] = cells[s]. The cells are validated as by
 * parseCells (any disc count).
 */
export function transformCells(k: number, cells: CellsInput): Uint8Array {
  const base = checkSymmetry(k) * 64;
  const c = parseCells(cells, { minDiscs: 0 });
  const out = new Uint8Array(64);
  for (let s = 0; s < 64; s++) out[SYMMETRY_TABLE[base + s]!] = c[s]!;
  return out;
}
