import { describe, expect, it } from 'vitest';
import { refFlips, refMoves, refPlay, rng, squaresOf, toHalves } from '../test/reference';
import { popcount32 } from './bits';
import { flipsInto, passInto, playInto } from './flips';
import {
  countLegalMoves,
  finalScoreBoard,
  hasLegalMove,
  isGameOverBoard,
  legalMovesInto,
} from './moves';
import { SYMMETRY_TABLE } from './symmetry';

const out = new Int32Array(8);

function fastMoves(cells: ArrayLike<number>, player: number): number[] {
  const [pLo, pHi, oLo, oHi] = toHalves(cells, player);
  legalMovesInto(pLo, pHi, oLo, oHi, out, 0);
  return squaresOf(out[0]!, out[1]!);
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.prototype.every.call(a, (v, i) => v === b[i]);

/**
 * Every square checked against the reference: moves, counts, flips and the child board. Returns
 * the first disagreement as text (plain comparisons: expect() per square is too slow here).
 */
function mismatch(cells: Uint8Array, player: number): string | null {
  const [pLo, pHi, oLo, oHi] = toHalves(cells, player);
  const where = `cells ${cells.join('')} player ${player}`;
  const moves = refMoves(cells, player);
  if (!same(fastMoves(cells, player), moves)) return `moves differ: ${where}`;
  if (countLegalMoves(pLo, pHi, oLo, oHi) !== moves.length) return `count differs: ${where}`;
  if (hasLegalMove(pLo, pHi, oLo, oHi) !== moves.length > 0) return `hasLegalMove: ${where}`;
  for (let sq = 0; sq < 64; sq++) {
    const expected = refFlips(cells, player, sq);
    out.fill(7);
    const flipped = playInto(pLo, pHi, oLo, oHi, sq, out, 2);
    if (flipped !== expected.length) return `playInto ${sq} flipped ${flipped}: ${where}`;
    if (moves.includes(sq) && flipped === 0) return `legal move ${sq} flips nothing: ${where}`;
    if (expected.length === 0) {
      if (out[2] !== 7) return `illegal ${sq} wrote a board: ${where}`;
      continue;
    }
    const child = toHalves(refPlay(cells, player, sq), 3 - player);
    if (!same(out.subarray(2, 6), child)) return `child of ${sq} differs: ${where}`;
    flipsInto(pLo, pHi, oLo, oHi, sq, out, 0);
    if (!same(squaresOf(out[0]!, out[1]!), expected)) return `flips of ${sq} differ: ${where}`;
  }
  return null;
}

function checkAgainstReference(cells: Uint8Array, player: number): void {
  const bad = mismatch(cells, player);
  if (bad !== null) expect.fail(bad);
}

function randomCells(next: () => number, density: number): Uint8Array {
  const cells = new Uint8Array(64);
  for (let s = 0; s < 64; s++) if (next() < density) cells[s] = next() < 0.5 ? 1 : 2;
  return cells;
}

describe('fast core against the reference rules', () => {
  it('agrees on every square of every position of 300 seeded random games', () => {
    const next = rng(20240601);
    let positions = 0;
    let passes = 0;
    for (let game = 0; game < 300; game++) {
      let cells: Uint8Array = new Uint8Array(64);
      cells[27] = 2;
      cells[36] = 2;
      cells[28] = 1;
      cells[35] = 1;
      let player = 1;
      for (;;) {
        checkAgainstReference(cells, player);
        positions++;
        const moves = refMoves(cells, player);
        if (moves.length === 0) {
          if (refMoves(cells, 3 - player).length === 0) break;
          passes++;
          player = 3 - player;
          continue;
        }
        const m = moves[Math.floor(next() * moves.length)]!;
        cells = refPlay(cells, player, m);
        player = 3 - player;
      }
    }
    expect(positions).toBeGreaterThan(15_000);
    expect(passes).toBeGreaterThan(0);
  });

  it('agrees on random (unreachable) boards of every density, both sides to move', () => {
    const next = rng(7);
    for (let i = 0; i < 1500; i++) {
      const cells = randomCells(next, (i % 10) / 10 + 0.05);
      checkAgainstReference(cells, 1 + (i & 1));
    }
  });

  it('carries runs across the rank 4 / rank 5 boundary (the half boundary)', () => {
    // Vertical, both diagonals, both ways, runs of every length crossing between ranks 4 and 5.
    for (let col = 0; col < 8; col++) {
      for (const dc of [-1, 0, 1]) {
        for (let len = 1; len <= 6; len++) {
          for (const up of [true, false]) {
            const cells = new Uint8Array(64);
            // Place the run so that it straddles the boundary where possible.
            const startRow = up ? Math.max(0, 4 - len) : Math.min(7, 3 + len);
            const dr = up ? 1 : -1;
            const at = (k: number) => {
              const c = col + dc * k;
              const r = startRow + dr * k;
              return c >= 0 && c < 8 && r >= 0 && r < 8 ? c + 8 * r : -1;
            };
            const anchor = at(0);
            const target = at(len + 1);
            if (anchor < 0 || target < 0) continue;
            cells[anchor] = 1;
            for (let k = 1; k <= len; k++) cells[at(k)] = 2;
            checkAgainstReference(cells, 1);
            expect(fastMoves(cells, 1)).toContain(target);
          }
        }
      }
    }
  });

  it('generates no move when a run reaches the edge (no wrap between ranks or halves)', () => {
    // White discs on h4 and a5 are adjacent bits (31, 32) but not neighbours on the board.
    const cells = new Uint8Array(64);
    cells[30] = 1; // g4
    cells[31] = 2; // h4
    cells[33] = 2; // b5 — a5 (32) stays empty: playing it must not capture h4 through the wrap
    cells[34] = 1; // c5
    checkAgainstReference(cells, 1);
    expect(fastMoves(cells, 1)).toEqual([32]);
    const flips = refFlips(cells, 1, 32);
    expect(flips).toEqual([33]);
  });

  it('symmetric positions have symmetric move sets', () => {
    const next = rng(99);
    for (let i = 0; i < 400; i++) {
      const cells = randomCells(next, 0.6);
      const moves = fastMoves(cells, 1);
      for (let k = 0; k < 8; k++) {
        const img = new Uint8Array(64);
        for (let s = 0; s < 64; s++) img[SYMMETRY_TABLE[k * 64 + s]!] = cells[s]!;
        const expected = moves.map((s) => SYMMETRY_TABLE[k * 64 + s]!).sort((a, b) => a - b);
        expect(fastMoves(img, 1)).toEqual(expected);
      }
    }
  });
});

describe('board helpers', () => {
  it('passInto swaps the sides', () => {
    passInto(1, 2, 3, 4, out, 0);
    expect(Array.from(out.subarray(0, 4))).toEqual([3, 4, 1, 2]);
  });

  it('isGameOverBoard and finalScoreBoard (empties to the winner)', () => {
    // Full board, 40 vs 24 for the side to move: +16.
    expect(finalScoreBoard(-1, 0xff, 0, ~0xff)).toBe(40 - 24);
    expect(isGameOverBoard(-1, 0xff, 0, ~0xff)).toBe(true);
    // 3 discs vs 1, 60 empties, no moves for either: the winner takes the empties, 64 - 2.
    const pLo = 0b111;
    const oLo = 1 << 20;
    expect(isGameOverBoard(pLo, 0, oLo, 0)).toBe(true);
    expect(finalScoreBoard(pLo, 0, oLo, 0)).toBe(62);
    expect(finalScoreBoard(oLo, 0, pLo, 0)).toBe(-62);
    // A draw with empties stays 0.
    expect(finalScoreBoard(1, 0, 1 << 20, 0)).toBe(0);
    expect(popcount32(-1)).toBe(32);
  });

  it('accepts unsigned halves (values above 2^31) like their int32 patterns', () => {
    const cells = randomCells(rng(5), 0.7);
    const [pLo, pHi, oLo, oHi] = toHalves(cells, 1);
    legalMovesInto(pLo >>> 0, pHi >>> 0, oLo >>> 0, oHi >>> 0, out, 0);
    const a = [out[0], out[1]];
    legalMovesInto(pLo, pHi, oLo, oHi, out, 0);
    expect([out[0], out[1]]).toEqual(a);
  });
});
