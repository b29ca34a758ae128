import { describe, expect, it } from 'vitest';
import { isPrismindError } from './contracts/errors';
import { parseCells, parsePlayer } from './validate';

function start(): number[] {
  const cells = new Array<number>(64).fill(0);
  cells[27] = 2;
  cells[36] = 2;
  cells[28] = 1;
  cells[35] = 1;
  return cells;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isPrismindError(error)) return error.code;
    throw error;
  }
  return undefined;
}

function withCell(index: number, value: unknown): unknown[] {
  const cells: unknown[] = start();
  cells[index] = value;
  return cells;
}

describe('parseCells', () => {
  it('accepts number[], Int8Array and Uint8Array and returns a fresh Uint8Array', () => {
    const cells = start();
    for (const input of [cells, Int8Array.from(cells), Uint8Array.from(cells)]) {
      const out = parseCells(input);
      expect(out).toBeInstanceOf(Uint8Array);
      expect(Array.from(out)).toEqual(cells);
      expect(out).not.toBe(input);
    }
  });

  it.each([
    ['63 cells', start().slice(0, 63)],
    ['65 cells', [...start(), 0]],
    ['no cells', []],
    ['a value of 3', withCell(0, 3)],
    ['a value of -1', withCell(5, -1)],
    ['NaN', withCell(63, Number.NaN)],
    ['1.5', withCell(10, 1.5)],
    ['Infinity', withCell(10, Number.POSITIVE_INFINITY)],
    ["a string '1'", withCell(10, '1')],
    ['null', withCell(10, null)],
    ['undefined (a hole)', withCell(10, undefined)],
    ['an Int8Array with -1', Int8Array.from(withCell(9, -1) as number[])],
    ['a Uint8Array with 255', Uint8Array.from(withCell(9, 255) as number[])],
    ['a Float64Array', Float64Array.from(start())],
    ['a string', 'x'.repeat(64)],
    ['null input', null],
    ['an object', { length: 64 }],
    ['three discs', withCell(27, 0)],
  ])('rejects %s with INVALID_BOARD', (_name, input) => {
    expect(codeOf(() => parseCells(input))).toBe('INVALID_BOARD');
  });

  it('names the square and the value in the message', () => {
    expect(() => parseCells(withCell(37, 7))).toThrow(/cell 37 \(f5\) is 7; expected 0/);
    expect(() => parseCells(start().slice(1))).toThrow(/63 cells; expected 64/);
  });

  it('minDiscs: 0 accepts an empty board', () => {
    expect(parseCells(new Array(64).fill(0), { minDiscs: 0 }).length).toBe(64);
    expect(codeOf(() => parseCells(new Array(64).fill(0)))).toBe('INVALID_BOARD');
  });
});

describe('parsePlayer', () => {
  it('accepts 1 and 2', () => {
    expect(parsePlayer(1)).toBe(1);
    expect(parsePlayer(2)).toBe(2);
  });

  it.each([[0], [3], [-1], [1.5], [Number.NaN], ['1'], [null], [undefined], [true]])(
    'rejects %s with INVALID_PLAYER',
    (p) => {
      expect(codeOf(() => parsePlayer(p))).toBe('INVALID_PLAYER');
    },
  );
});
