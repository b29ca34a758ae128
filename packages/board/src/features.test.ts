import { describe, expect, it } from 'vitest';
import { rng } from '../test/reference';
import { isPrismindError } from './contracts/errors';
import { featureIndices, featureIndicesInto, stageOf, weightOffset } from './features';
import { PATTERN_FEATURES } from './patterns';
import { Position } from './position';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isPrismindError(e) ? e.code : 'other';
  }
  return undefined;
}

describe('featureIndices', () => {
  it('is all zeros on an empty board and all-twos on a white board', () => {
    expect(Array.from(featureIndices(new Array(64).fill(0)))).toEqual(new Array(46).fill(0));
    const white = featureIndices(new Array(64).fill(2));
    for (const [i, f] of PATTERN_FEATURES.entries())
      expect(white[i]).toBe(3 ** f.squares.length - 1);
  });

  it('puts the first square in the most significant digit, absolute colours', () => {
    const cells = new Array<number>(64).fill(0);
    cells[0] = 1; // a1 black: first square of corner3x3 sym 0, corner2x5 sym 0/4, diag8 sym 0
    cells[9] = 2; // b2 white: first square of edge2x sym 0
    const f = featureIndices(cells);
    expect(f[0]).toBe(3 ** 8 + 2 * 3 ** 4); // corner3x3: a1 (digit 8), b2 (digit 4)
    expect(f[4]).toBe(3 ** 9 + 2 * 3 ** 3); // corner2x5 sym 0: a1 (digit 9), b2 (digit 3)
    expect(f[12]).toBe(2 * 3 ** 9 + 3 ** 8); // edge2x sym 0: b2 a1 ...
    expect(f[28]).toBe(3 ** 7 + 2 * 3 ** 6); // diag8 sym 0: a1 b2 ...
  });

  it('agrees with the definition for Positions, cells and the fast form over random games', () => {
    const next = rng(11);
    const out = new Int32Array(50);
    let p = Position.initial();
    for (let i = 0; i < 300; i++) {
      if (p.isGameOver()) p = Position.initial();
      if (p.mustPass()) p = p.pass();
      const cells = p.toCells();
      const expected = PATTERN_FEATURES.map((f) =>
        f.squares.reduce((a, s) => a * 3 + cells[s]!, 0),
      );
      expect(Array.from(featureIndices(p))).toEqual(expected);
      expect(Array.from(featureIndices(cells))).toEqual(expected);
      const [bLo, bHi] = p.black;
      const [wLo, wHi] = p.white;
      featureIndicesInto(bLo, bHi, wLo, wHi, out, 2);
      expect(Array.from(out.subarray(2, 48))).toEqual(expected);
      const moves = p.legalMoves();
      p = p.play(moves[Math.floor(next() * moves.length)]!);
    }
  });

  it('validates cells', () => {
    expect(code(() => featureIndices(new Array(63).fill(0)))).toBe('INVALID_BOARD');
  });
});

describe('stageOf', () => {
  it('is floor((discs - 4) * S / 61)', () => {
    expect(stageOf(4)).toBe(0);
    expect(stageOf(64)).toBe(29);
    expect(stageOf(6)).toBe(0);
    expect(stageOf(7)).toBe(1); // 3 * 30 / 61 = 1.47
    expect(stageOf(64, 61)).toBe(60);
    expect(stageOf(64, 1)).toBe(0);
    for (let d = 4; d <= 64; d++) expect(stageOf(d, 30)).toBe(Math.floor(((d - 4) * 30) / 61));
  });

  it('rejects disc counts outside 4..64 and stage counts outside 1..61', () => {
    expect(code(() => stageOf(3))).toBe('INVALID_BOARD');
    expect(code(() => stageOf(65))).toBe('INVALID_BOARD');
    expect(code(() => stageOf(10.5))).toBe('INVALID_BOARD');
    expect(code(() => stageOf(10, 0))).toBe('INVALID_OPTIONS');
    expect(code(() => stageOf(10, 62))).toBe('INVALID_OPTIONS');
  });

  it('weightOffset follows the layout', () => {
    expect(weightOffset(0, 0, 0)).toBe(0);
    expect(weightOffset(1, 2, 5)).toBe(167_265 + 78_732 + 5);
  });
});
