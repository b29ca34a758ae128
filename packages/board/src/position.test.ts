import { describe, expect, it } from 'vitest';
import { refMoves, refPlay, rng } from '../test/reference';
import { isPrismindError } from './contracts/errors';
import { Position } from './position';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isPrismindError(error) ? error.code : 'not a PrismindError';
  }
  return undefined;
}

describe('Position', () => {
  it('starts with d4, e5 white, d5, e4 black, black to move', () => {
    const p = Position.initial();
    expect(p.player).toBe(1);
    expect(p.cell('d4')).toBe(2);
    expect(p.cell('e5')).toBe(2);
    expect(p.cell('d5')).toBe(1);
    expect(p.cell('e4')).toBe(1);
    expect(p.counts()).toEqual({ black: 2, white: 2, empty: 60 });
    expect(p.legalMoves()).toEqual([19, 26, 37, 44]); // d3 c4 f5 e6
    expect(p.isGameOver()).toBe(false);
    expect(p.mustPass()).toBe(false);
    expect(p.discs()).toBe(4);
  });

  it('is immutable: play returns a new position', () => {
    const p = Position.initial();
    const q = p.play('f5');
    expect(p.counts()).toEqual({ black: 2, white: 2, empty: 60 });
    expect(q.counts()).toEqual({ black: 4, white: 1, empty: 59 });
    expect(q.player).toBe(2);
    expect(Object.isFrozen(q)).toBe(true);
    expect(p.play(37).equals(q)).toBe(true);
    expect(p.flips('f5')).toEqual([36]);
    expect(p.flips('a1')).toEqual([]);
  });

  it('rejects illegal moves with ILLEGAL_MOVE listing the legal ones, bad squares with INVALID_SQUARE', () => {
    const p = Position.initial();
    expect(codeOf(() => p.play('a1'))).toBe('ILLEGAL_MOVE');
    expect(codeOf(() => p.play('d4'))).toBe('ILLEGAL_MOVE');
    expect(() => p.play('a1')).toThrow(
      /a1 is not a legal move for black; legal moves: d3 c4 f5 e6/,
    );
    expect(codeOf(() => p.play(64))).toBe('INVALID_SQUARE');
    expect(codeOf(() => p.play('z9'))).toBe('INVALID_SQUARE');
    expect(codeOf(() => p.pass())).toBe('ILLEGAL_MOVE');
  });

  it('round-trips cells (number[], Int8Array, Uint8Array) over random games, and agrees with the reference', () => {
    const next = rng(31337);
    for (let game = 0; game < 40; game++) {
      let p = Position.initial();
      while (!p.isGameOver()) {
        const cells = p.toCells();
        for (const input of [Array.from(cells), Int8Array.from(cells), cells]) {
          expect(Position.fromCells(input, p.player).equals(p)).toBe(true);
        }
        expect(p.legalMoves()).toEqual(refMoves(cells, p.player));
        if (p.mustPass()) {
          p = p.pass();
          continue;
        }
        const moves = p.legalMoves();
        const m = moves[Math.floor(next() * moves.length)]!;
        const q = p.play(m);
        expect(Array.from(q.toCells())).toEqual(Array.from(refPlay(cells, p.player, m)));
        p = q;
      }
      const { black, white, empty } = p.counts();
      const expected =
        black > white ? black - white + empty : black < white ? black - white - empty : 0;
      expect(p.score()).toBe(expected);
    }
  });

  it('scores a finished game with the empties to the winner', () => {
    // A shortest game: black wipes white out in 9 moves, 13 discs to 0 with 51 empties: +64.
    let p = Position.initial();
    for (const m of ['d3', 'c3', 'b3', 'd2', 'e1', 'd6', 'd7', 'e3', 'f4']) p = p.play(m);
    expect(p.isGameOver()).toBe(true);
    expect(p.counts()).toEqual({ black: 13, white: 0, empty: 51 });
    expect(p.score()).toBe(64);
    expect(p.discDifference()).toBe(13);
    // Constructed: 3 black discs, 1 white, 60 empties, nobody can move: 3 - 1 + 60.
    const cells = new Array<number>(64).fill(0);
    cells[0] = 1;
    cells[1] = 1;
    cells[2] = 1;
    cells[63] = 2;
    const over = Position.fromCells(cells, 2);
    expect(over.isGameOver()).toBe(true);
    expect(over.score()).toBe(3 - 1 + 60);
    expect(over.discDifference()).toBe(2);
    expect(Position.fromCells(cells, 1).score()).toBe(62); // side to move does not matter
    const white = cells.map((v) => (v === 0 ? 0 : 3 - v));
    expect(Position.fromCells(white, 1).score()).toBe(-62);
    // A draw stays 0 even with empties.
    const draw = new Array<number>(64).fill(0);
    draw[0] = 1;
    draw[1] = 1;
    draw[62] = 2;
    draw[63] = 2;
    expect(Position.fromCells(draw, 1).isGameOver()).toBe(true);
    expect(Position.fromCells(draw, 1).score()).toBe(0);
  });

  it('passes only when it must', () => {
    // White a1; black b1, a2, b2. Black brackets nothing; white plays c1, a3 or c3.
    const cells = new Array<number>(64).fill(0);
    cells[0] = 2; // a1 white
    cells[1] = 1; // b1 black
    cells[8] = 1; // a2 black
    cells[9] = 1; // b2 black
    const p = Position.fromCells(cells, 1);
    expect(p.legalMoves()).toEqual([]);
    expect(p.mustPass()).toBe(true);
    const q = p.pass();
    expect(q.player).toBe(2);
    expect(q.legalMoves()).toContain(2);
    expect(codeOf(() => q.pass())).toBe('ILLEGAL_MOVE');
  });

  it('validates fromCells, fromBoard and fromColors', () => {
    expect(codeOf(() => Position.fromCells(new Array(64).fill(0), 1))).toBe('INVALID_BOARD');
    expect(Position.fromCells(new Array(64).fill(0), 1, { minDiscs: 0 }).discs()).toBe(0);
    expect(codeOf(() => Position.fromCells(Position.initial().toCells(), 3))).toBe(
      'INVALID_PLAYER',
    );
    expect(codeOf(() => Position.fromBoard(1, 0, 1, 0, 1))).toBe('INVALID_BOARD');
    expect(codeOf(() => Position.fromBoard(1, 0, 2, 0, 0 as 1))).toBe('INVALID_PLAYER');
    const p = Position.initial().play('f5');
    const [bLo, bHi] = p.black;
    const [wLo, wHi] = p.white;
    expect(Position.fromColors(bLo, bHi, wLo, wHi, 2).equals(p)).toBe(true);
    expect(Position.fromColors(bLo >>> 0, bHi >>> 0, wLo >>> 0, wHi >>> 0, 2).equals(p)).toBe(true);
    expect(Position.fromBoard(p.pLo, p.pHi, p.oLo, p.oHi, p.player).equals(p)).toBe(true);
  });

  it('withPlayerSwapped keeps the discs', () => {
    const p = Position.initial().withPlayerSwapped();
    expect(p.player).toBe(2);
    expect(Array.from(p.toCells())).toEqual(Array.from(Position.initial().toCells()));
    expect(p.legalMoves()).toEqual([20, 29, 34, 43]); // e3 f4 c5 d6
  });
});
