/**
 * A slow, obviously-correct reference for the rules, over 64 cells (0 empty, 1 black, 2 white),
 * walking squares by (col, row). Tests compare the fast bitboard code against it.
 */

const STEPS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
];

/** Squares `player` would flip by playing `sq`, ascending; [] when occupied or nothing flips. */
export function refFlips(cells: ArrayLike<number>, player: number, sq: number): number[] {
  if (cells[sq] !== 0) return [];
  const opponent = 3 - player;
  const flips: number[] = [];
  for (const [dc, dr] of STEPS) {
    const run: number[] = [];
    let c = (sq % 8) + dc;
    let r = Math.floor(sq / 8) + dr;
    while (c >= 0 && c < 8 && r >= 0 && r < 8 && cells[c + 8 * r] === opponent) {
      run.push(c + 8 * r);
      c += dc;
      r += dr;
    }
    if (run.length > 0 && c >= 0 && c < 8 && r >= 0 && r < 8 && cells[c + 8 * r] === player) {
      flips.push(...run);
    }
  }
  return flips.sort((a, b) => a - b);
}

export function refMoves(cells: ArrayLike<number>, player: number): number[] {
  const moves: number[] = [];
  for (let sq = 0; sq < 64; sq++) if (refFlips(cells, player, sq).length > 0) moves.push(sq);
  return moves;
}

/** The cells after `player` plays `sq` (assumed legal). */
export function refPlay(cells: ArrayLike<number>, player: number, sq: number): Uint8Array {
  const next = Uint8Array.from(cells as ArrayLike<number>);
  for (const s of refFlips(cells, player, sq)) next[s] = player;
  next[sq] = player;
  return next;
}

/** Perft by the reference rules (standard convention). */
export function refPerft(cells: Uint8Array, player: number, depth: number): number {
  if (depth === 0) return 1;
  const moves = refMoves(cells, player);
  if (moves.length === 0) {
    if (refMoves(cells, 3 - player).length === 0) return 1;
    return refPerft(cells, 3 - player, depth - 1);
  }
  let n = 0;
  for (const m of moves) n += refPerft(refPlay(cells, player, m), 3 - player, depth - 1);
  return n;
}

/** Seeded PRNG for reproducible property tests (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cells and player → the four halves of the fast core (side to move's view). */
export function toHalves(
  cells: ArrayLike<number>,
  player: number,
): [number, number, number, number] {
  const h = [0, 0, 0, 0];
  for (let s = 0; s < 64; s++) {
    const v = cells[s];
    if (v === 0) continue;
    const idx = (v === player ? 0 : 2) + (s >= 32 ? 1 : 0);
    h[idx]! |= 1 << (s & 31);
  }
  return [h[0]!, h[1]!, h[2]!, h[3]!];
}

/** A bitboard's squares, ascending. */
export function squaresOf(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < 64; s++) if (((s < 32 ? lo : hi) >>> (s & 31)) & 1) out.push(s);
  return out;
}
