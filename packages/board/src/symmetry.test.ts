import { describe, expect, it } from 'vitest';
import { rng } from '../test/reference';
import { isPrismindError } from './contracts/errors';
import { Position } from './position';
import { nameToSquare, squareToName } from './squares';
import {
  INVERSE_SYMMETRY,
  inverseSymmetry,
  transformBitsInto,
  transformCells,
  transformPosition,
  transformSquare,
} from './symmetry';

const name = (k: number, sq: string) => squareToName(transformSquare(k, sq));

describe('symmetries', () => {
  it('follow the spec: transpose if k & 4, then mirror files if k & 1, ranks if k & 2', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((k) => name(k, 'b1'))).toEqual([
      'b1',
      'g1',
      'b8',
      'g8',
      'a2',
      'h2',
      'a7',
      'h7',
    ]);
    expect(name(4, 'c2')).toBe('b3');
    expect(transformSquare(1, 0)).toBe(7);
    expect(transformSquare(2, 0)).toBe(56);
  });

  it('are permutations, with the right inverses, and compose like the dihedral group', () => {
    expect(INVERSE_SYMMETRY).toEqual([0, 1, 2, 3, 4, 6, 5, 7]);
    for (let k = 0; k < 8; k++) {
      const images = new Set<number>();
      for (let s = 0; s < 64; s++) {
        images.add(transformSquare(k, s));
        expect(transformSquare(inverseSymmetry(k), transformSquare(k, s))).toBe(s);
      }
      expect(images.size).toBe(64);
    }
  });

  it('map positions: discs move, the player stays, move sets follow', () => {
    const next = rng(3);
    let p = Position.initial();
    for (let i = 0; i < 300; i++) {
      if (p.isGameOver()) p = Position.initial();
      if (p.mustPass()) p = p.pass();
      for (let k = 0; k < 8; k++) {
        const q = transformPosition(k, p);
        expect(q.player).toBe(p.player);
        expect(Array.from(q.toCells())).toEqual(Array.from(transformCells(k, p.toCells())));
        expect(q.legalMoves()).toEqual(
          p
            .legalMoves()
            .map((s) => transformSquare(k, s))
            .sort((a, b) => a - b),
        );
        expect(transformPosition(inverseSymmetry(k), q).equals(p)).toBe(true);
      }
      const moves = p.legalMoves();
      p = p.play(moves[Math.floor(next() * moves.length)]!);
    }
  });

  it('map bitboards across the half boundary', () => {
    const out = new Int32Array(2);
    // h4 (31) and a5 (32): under k = 2 (ranks mirrored) they go to h5 (39) and a4 (24).
    transformBitsInto(2, 1 << 31, 1, out, 0);
    expect(out[0]).toBe(1 << 24);
    expect(out[1]).toBe(1 << 7);
    expect(nameToSquare('h5')).toBe(39);
  });

  it('reject a symmetry outside 0..7 (INVALID_OPTIONS) and a bad square (INVALID_SQUARE)', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isPrismindError(e) ? e.code : 'other';
      }
      return undefined;
    };
    expect(code(() => transformSquare(8, 0))).toBe('INVALID_OPTIONS');
    expect(code(() => transformSquare(-1, 0))).toBe('INVALID_OPTIONS');
    expect(code(() => transformSquare(0, 64))).toBe('INVALID_SQUARE');
    expect(code(() => inverseSymmetry(1.5))).toBe('INVALID_OPTIONS');
  });
});
