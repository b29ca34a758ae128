import { PrismindError } from '@prismind/board/contracts';
import type { BoardEvaluator } from './alphabeta';

/**
 * The standard weighted piece counter of Othello textbooks, rank 1 first (a1..h1), then rank 2,
 * ...: corners 100, C-squares (next to a corner on an edge) −20, X-squares (diagonal to a corner)
 * −50, A-squares 10, B-squares 5, the squares next to the edges −2, the centre −1. Symmetric
 * under all 8 board symmetries.
 */
// biome-ignore format: an 8x8 table reads best as a board
export const WPC_TABLE: readonly number[] = Object.freeze([
  100, -20,  10,   5,   5,  10, -20, 100,
  -20, -50,  -2,  -2,  -2,  -2, -50, -20,
   10,  -2,  -1,  -1,  -1,  -1,  -2,  10,
    5,  -2,  -1,  -1,  -1,  -1,  -2,   5,
    5,  -2,  -1,  -1,  -1,  -1,  -2,   5,
   10,  -2,  -1,  -1,  -1,  -1,  -2,  10,
  -20, -50,  -2,  -2,  -2,  -2, -50, -20,
  100, -20,  10,   5,   5,  10, -20, 100,
]);

/** Σ table[s] over the set bits of one int32 half (squares base..base+31). */
function sumBits(bits: number, table: Float64Array, base: number): number {
  let sum = 0;
  while (bits !== 0) {
    const bit = bits & -bits;
    bits ^= bit;
    sum += table[base + 31 - Math.clz32(bit)]!;
  }
  return sum;
}

/** Checks a table: 64 finite numbers (INVALID_OPTIONS otherwise). */
function checkedTable(table: readonly number[]): Float64Array {
  if (table.length !== 64 || !table.every((v) => Number.isFinite(v))) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `a WPC table needs 64 finite numbers (a1..h8); got ${table.length} entries`,
    );
  }
  return Float64Array.from(table);
}

/**
 * A weighted-piece-counter evaluator from the side to move's view: Σ w(s) over its discs minus
 * Σ w(s) over the opponent's.
 */
export function wpcEvaluator(table: readonly number[] = WPC_TABLE): BoardEvaluator {
  const w = checkedTable(table);
  return (pLo, pHi, oLo, oHi) =>
    sumBits(pLo, w, 0) + sumBits(pHi, w, 32) - sumBits(oLo, w, 0) - sumBits(oHi, w, 32);
}

/** The WPC value of 64 cells from black's view (tests, reports). */
export function wpcValue(cells: ArrayLike<number>, table: readonly number[] = WPC_TABLE): number {
  let sum = 0;
  for (let s = 0; s < 64; s++) {
    if (cells[s] === 1) sum += table[s]!;
    else if (cells[s] === 2) sum -= table[s]!;
  }
  return sum;
}
