import { describe, expect, it } from 'vitest';
import { errorOf } from '../test/errors';
import { rng } from '../test/reference';
import { parseObf, toObf } from './obf';
import { Position } from './position';

const START = '---------------------------OX------XO--------------------------- X';

describe('OBF', () => {
  it('writes the start position with X black in square order', () => {
    expect(toObf(Position.initial())).toBe(START);
    expect(String(Position.initial())).toBe(START);
    expect(parseObf(START).equals(Position.initial())).toBe(true);
  });

  it('reads comments, lower case and surrounding whitespace', () => {
    const p = parseObf(`  ${START.toLowerCase().replace(/ x$/, ' x')} ; the start\n`);
    expect(p.equals(Position.initial())).toBe(true);
    expect(parseObf(`${START.slice(0, 64)}\tO;`).player).toBe(2);
  });

  it('round-trips positions of random games', () => {
    const next = rng(2);
    let p = Position.initial();
    for (let i = 0; i < 500; i++) {
      if (p.isGameOver()) p = Position.initial();
      if (p.mustPass()) p = p.pass();
      const moves = p.legalMoves();
      p = p.play(moves[Math.floor(next() * moves.length)]!);
      expect(parseObf(p.toObf()).equals(p)).toBe(true);
    }
  });

  it.each([
    [
      'a bad square character',
      `${START.slice(0, 10)}Z${START.slice(11)}`,
      /column 11 \(square 11 of 64\) is "Z"/,
    ],
    ['63 squares', START.slice(1), /only 63 squares \(column 64 is " "\); expected 64/],
    ['65 squares', `-${START}`, /column 65 is "-"; expected a space/],
    ['no side to move', START.slice(0, 64), /column 65 is the end of the line; expected a space/],
    ['a bad side to move', `${START.slice(0, 64)} B`, /column 66 is "B"; expected X or O/],
    [
      'junk after the side',
      `${START} extra`,
      /column 68 is "e"; expected the end of the line or ';'/,
    ],
    ['an empty line', '', /only 0 squares \(column 1 is the end of the line\)/],
  ])('rejects %s with INVALID_OBF naming the column', (_name, line, message) => {
    const e = errorOf(() => parseObf(line));
    expect(e.code).toBe('INVALID_OBF');
    expect(e.message).toMatch(message);
  });
});
