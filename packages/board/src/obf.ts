import { PrismindError } from './contracts/errors';
import { Position } from './position';

function bad(message: string, column: number, line: string): never {
  throw new PrismindError('INVALID_OBF', `OBF: ${message}`, { details: { column, line } });
}

function shown(ch: string | undefined): string {
  return ch === undefined ? 'the end of the line' : JSON.stringify(ch);
}

/**
 * Parse an OBF position line: 64 characters for the squares in order a1, b1, …, h1, a2, …, h8
 * ('X' black, 'O' white, '-' empty; letters in either case), whitespace, then 'X' or 'O' for the
 * player to move, then optionally whitespace and ';' followed by a comment (ignored). Leading and
 * trailing whitespace is ignored. In this (Othello) OBF convention X is black. A malformed line is
 * INVALID_OBF naming the column (1-based) and the character found.
 * `minDiscs` (default 0) rejects boards with fewer discs (INVALID_BOARD).
 */
export function parseObf(line: string, options: { minDiscs?: number } = {}): Position {
  if (typeof line !== 'string') bad(`line is a ${typeof line}; expected a string`, 0, String(line));
  const text = line.replace(/\s+$/, '');
  let i = 0;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const start = i;
  const cells = new Uint8Array(64);
  for (let s = 0; s < 64; s++, i++) {
    const ch = text[i];
    if (ch === '-') cells[s] = 0;
    else if (ch === 'X' || ch === 'x') cells[s] = 1;
    else if (ch === 'O' || ch === 'o') cells[s] = 2;
    else if (ch === undefined || ch === ' ' || ch === '\t') {
      bad(
        `the board has only ${s} squares (column ${i + 1} is ${shown(ch)}); expected 64`,
        i + 1,
        line,
      );
    } else {
      bad(
        `column ${i + 1} (square ${s + 1} of 64) is ${shown(ch)}; expected X (black), O (white) or - (empty)`,
        i + 1,
        line,
      );
    }
  }
  if (text[i] !== ' ' && text[i] !== '\t') {
    bad(
      `column ${i + 1} is ${shown(text[i])}; expected a space after the 64 squares` +
        (i - start === 64 && text[i] !== undefined ? ' (more than 64 squares?)' : ''),
      i + 1,
      line,
    );
  }
  while (text[i] === ' ' || text[i] === '\t') i++;
  const side = text[i];
  const player = side === 'X' || side === 'x' ? 1 : side === 'O' || side === 'o' ? 2 : 0;
  if (player === 0) {
    bad(`column ${i + 1} is ${shown(side)}; expected X or O for the player to move`, i + 1, line);
  }
  i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (i < text.length && text[i] !== ';') {
    bad(
      `column ${i + 1} is ${shown(text[i])}; expected the end of the line or ';' and a comment`,
      i + 1,
      line,
    );
  }
  return Position.fromCells(cells, player, { minDiscs: options.minDiscs ?? 0 });
}

/** The OBF line of a position (same as position.toObf()), e.g. for the start:
 * '---------------------------OX------XO--------------------------- X'. */
export function toObf(position: Position): string {
  return position.toObf();
}
