/** Bit helpers over int32 halves; all allocation-free. */

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

/**
 * Lowest set square of a bitboard (0..63), or -1 when it is empty. To walk a move set:
 * `while (lo !== 0) { const bit = lo & -lo; lo ^= bit; const sq = 31 - Math.clz32(bit); … }` and
 * the same over hi with `63 - Math.clz32(bit)`.
 */
export function lowestSquare(lo: number, hi: number): number {
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  if (hi !== 0) return 63 - Math.clz32(hi & -hi);
  return -1;
}

/** True when square `sq` (0..63) is set in the bitboard (lo, hi). */
export function hasSquare(lo: number, hi: number, sq: number): boolean {
  return ((sq < 32 ? lo : hi) & (1 << (sq & 31))) !== 0;
}
