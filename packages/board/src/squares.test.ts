import { describe, expect, it } from 'vitest';
import { isPrismindError } from './contracts/errors';
import { nameToSquare, parseSquare, SQUARE_NAMES, squareToName } from './squares';

describe('squares', () => {
  it('numbers a1 = 0, h1 = 7, a2 = 8, d5 = 35, h8 = 63 (index = col + 8 * row)', () => {
    expect(nameToSquare('a1')).toBe(0);
    expect(nameToSquare('h1')).toBe(7);
    expect(nameToSquare('a2')).toBe(8);
    expect(nameToSquare('d5')).toBe(35);
    expect(nameToSquare('h8')).toBe(63);
  });

  it('round-trips all 64 squares, either case', () => {
    for (let s = 0; s < 64; s++) {
      const name = squareToName(s);
      expect(name).toBe(SQUARE_NAMES[s]);
      expect(nameToSquare(name)).toBe(s);
      expect(nameToSquare(name.toUpperCase())).toBe(s);
      expect(parseSquare(name)).toBe(s);
      expect(parseSquare(s)).toBe(s);
    }
  });

  it.each([
    [-1],
    [64],
    [1.5],
    [Number.NaN],
    ['i1'],
    ['a9'],
    ['a0'],
    [''],
    ['f55'],
    [' f5'],
    [null],
  ])('rejects %s with INVALID_SQUARE', (bad) => {
    let code: string | undefined;
    try {
      if (typeof bad === 'number') squareToName(bad);
      else parseSquare(bad);
    } catch (error) {
      code = isPrismindError(error) ? error.code : 'other';
    }
    expect(code).toBe('INVALID_SQUARE');
  });
});
