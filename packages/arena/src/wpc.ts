import { PrismindError } from '@prismind/board/contracts';
import type { BoardEvaluator } from './alphabeta';

/**
 * The standard heuristic weighted piece counter of the Othello League, rank 1 first (a1..h1),
 * then rank 2, ...: the table of S. M. Lucas and T. P. Runarsson, "Temporal difference learning
 * versus co-evolution for acquiring Othello position evaluation", IEEE Symposium on Computational
 * Intelligence and Games (CIG) 2006, which takes it from T. Yoshioka, S. Ishii and M. Ito,
 * "Strategy acquisition for the game Othello based on reinforcement learning", IEICE Trans. Inf. &
 * Syst. E82-D(12), 1999. Corners 1.00, C- and X-squares −0.25, A-squares 0.10, B-squares 0.05.
 * Symmetric under all 8 board symmetries. The League's yardstick and the gauntlet's 'wpc'.
 */
// biome-ignore format: an 8x8 table reads best as a board
export const STANDARD_WPC: readonly number[] = Object.freeze([
   1.00, -0.25,  0.10,  0.05,  0.05,  0.10, -0.25,  1.00,
  -0.25, -0.25,  0.01,  0.01,  0.01,  0.01, -0.25, -0.25,
   0.10,  0.01,  0.05,  0.02,  0.02,  0.05,  0.01,  0.10,
   0.05,  0.01,  0.02,  0.01,  0.01,  0.02,  0.01,  0.05,
   0.05,  0.01,  0.02,  0.01,  0.01,  0.02,  0.01,  0.05,
   0.10,  0.01,  0.05,  0.02,  0.02,  0.05,  0.01,  0.10,
  -0.25, -0.25,  0.01,  0.01,  0.01,  0.01, -0.25, -0.25,
   1.00, -0.25,  0.10,  0.05,  0.05,  0.10, -0.25,  1.00,
]);

/**
 * The "textbook" weighted piece counter, rank 1 first: corners 100, C-squares −20, X-squares −50,
 * A-squares 10, B-squares 5, the ring next to the edges −2, the centre −1. It is the table widely
 * circulated in Othello programming tutorials and course notes; we know of no primary published
 * source for these exact values, so it is a named extra baseline ('wpc-textbook'), not a yardstick.
 * It was this project's 'wpc' baseline before the arena adopted STANDARD_WPC (docs/decisions.md).
 */
// biome-ignore format: an 8x8 table reads best as a board
export const TEXTBOOK_WPC: readonly number[] = Object.freeze([
  100, -20,  10,   5,   5,  10, -20, 100,
  -20, -50,  -2,  -2,  -2,  -2, -50, -20,
   10,  -2,  -1,  -1,  -1,  -1,  -2,  10,
    5,  -2,  -1,  -1,  -1,  -1,  -2,   5,
    5,  -2,  -1,  -1,  -1,  -1,  -2,   5,
   10,  -2,  -1,  -1,  -1,  -1,  -2,  10,
  -20, -50,  -2,  -2,  -2,  -2, -50, -20,
  100, -20,  10,   5,   5,  10, -20, 100,
]);

/** How reports name a table: 'standard' (STANDARD_WPC), 'textbook' (TEXTBOOK_WPC) or 'custom'. */
export function wpcTableName(table: readonly number[]): string {
  if (table === STANDARD_WPC) return 'standard';
  return table === TEXTBOOK_WPC ? 'textbook' : 'custom';
}

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

/**
 * A table as integers and the power of ten they were scaled by. Decimal weights (0.01, 0.05, ...)
 * are not exact in binary, so float sums depend on the order the discs are added in, and two
 * moves of equal value could compare unequal; integer sums are exact, so equal values are equal
 * and ties go to the lowest square as documented. Tables that no power of ten up to 10^6 makes
 * integral are summed as given.
 */
interface ScaledTable {
  weights: Float64Array;
  scale: number;
}

const scaled = new WeakMap<readonly number[], ScaledTable>();

function scaleTable(table: readonly number[]): ScaledTable {
  for (let scale = 1; scale <= 1e6; scale *= 10) {
    const weights = Float64Array.from(table, (v) => Math.round(v * scale));
    if (table.every((v, i) => Math.abs(v * scale - weights[i]!) < 1e-9 * Math.max(1, scale))) {
      return { weights, scale };
    }
  }
  return { weights: Float64Array.from(table), scale: 1 };
}

/** Checks a table (64 finite numbers, INVALID_OPTIONS otherwise) and scales it, once per table. */
function checkedTable(table: readonly number[]): ScaledTable {
  const known = scaled.get(table);
  if (known !== undefined) return known;
  if (table.length !== 64 || !table.every((v) => Number.isFinite(v))) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `a WPC table needs 64 finite numbers (a1..h8); got ${table.length} entries`,
    );
  }
  const result = scaleTable(table);
  scaled.set(table, result);
  return result;
}

/** Checks a table up front (INVALID_OPTIONS when it is not 64 finite numbers) and returns it. */
export function checkWpcTable(table: readonly number[]): readonly number[] {
  checkedTable(table);
  return table;
}

/**
 * A weighted-piece-counter evaluator from the side to move's view: Σ w(s) over its discs minus
 * Σ w(s) over the opponent's.
 */
export function wpcEvaluator(table: readonly number[] = STANDARD_WPC): BoardEvaluator {
  const { weights: w, scale } = checkedTable(table);
  return (pLo, pHi, oLo, oHi) =>
    (sumBits(pLo, w, 0) + sumBits(pHi, w, 32) - sumBits(oLo, w, 0) - sumBits(oHi, w, 32)) / scale;
}

/** The WPC value of 64 cells from black's view (the League's heuristic player, tests, reports). */
export function wpcValue(
  cells: ArrayLike<number>,
  table: readonly number[] = STANDARD_WPC,
): number {
  const { weights, scale } = checkedTable(table);
  let sum = 0;
  for (let s = 0; s < 64; s++) {
    if (cells[s] === 1) sum += weights[s]!;
    else if (cells[s] === 2) sum -= weights[s]!;
  }
  return sum / scale;
}
