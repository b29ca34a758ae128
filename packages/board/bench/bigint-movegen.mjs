// A straightforward BigInt bitboard move generator (Kogge–Stone per direction over one 64-bit
// BigInt), kept only so the bench can show why the package uses int32 halves instead.
const M64 = (1n << 64n) - 1n;
const NOT_A = 0xfefefefefefefefen;
const NOT_H = 0x7f7f7f7f7f7f7f7fn;

const SHIFTS = [
  [1n, NOT_A, true],
  [1n, NOT_H, false],
  [8n, M64, true],
  [8n, M64, false],
  [9n, NOT_A, true],
  [9n, NOT_H, false],
  [7n, NOT_H, true],
  [7n, NOT_A, false],
];

export function legalMovesBigInt(p, o) {
  const empty = ~(p | o) & M64;
  let moves = 0n;
  for (const [s, mask, left] of SHIFTS) {
    const sh = left ? (x) => (x << s) & M64 & mask : (x) => (x >> s) & mask;
    let f = sh(p) & o;
    for (let i = 0; i < 5; i++) f |= sh(f) & o;
    moves |= sh(f) & empty;
  }
  return moves;
}
