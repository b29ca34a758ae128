import { nameToSquare, Position } from '@prismind/board';
import { CliError } from '../errors';

/** A GGF game as the NBoard protocol sends it: where it started and the moves played since. */
export interface GgfGame {
  /** The start position (BO[...], or the standard start when absent). */
  start: Position;
  /** Moves in order: a square 0..63 or -1 for a pass, with the colour that played it. */
  moves: { color: 1 | 2; square: number }[];
  /** Where the moves lead. */
  position: Position;
  /** Every property as read, last value wins (PB, PW, TI, ...). */
  properties: Record<string, string>;
}

function bad(message: string): CliError {
  return new CliError('BAD_ARGUMENT', `GGF: ${message}`);
}

/** `KEY[value]` pairs in order; `\]` and `\\` escape inside values. */
function properties(text: string): [string, string][] {
  const out: [string, string][] = [];
  const body = text
    .trim()
    .replace(/^\(\s*;/, '')
    .replace(/;\s*\)\s*$/, '');
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (/\s|;/.test(c)) {
      i++;
      continue;
    }
    const key = /^[A-Za-z]+/.exec(body.slice(i))?.[0];
    if (key === undefined || body[i + key.length] !== '[') {
      throw bad(`unexpected "${body.slice(i, i + 10)}" at character ${i}; expected KEY[value]`);
    }
    i += key.length + 1;
    let value = '';
    while (i < body.length && body[i] !== ']') {
      if (body[i] === '\\' && i + 1 < body.length) i++;
      value += body[i];
      i++;
    }
    if (i >= body.length) throw bad(`${key}[ is not closed`);
    i++;
    out.push([key.toUpperCase(), value]);
  }
  return out;
}

const BLACK_CELLS = new Set(['*', 'X', 'x', 'B', 'b']);
const WHITE_CELLS = new Set(['O', 'o', 'W', 'w']);
const EMPTY_CELLS = new Set(['-', '.', 'E', 'e']);

/** BO[8 <64 cells> <to move>]: '*' black, 'O' white, '-' empty; to move '*' or 'O'. */
export function parseBoard(value: string): Position {
  const text = value.replace(/\s+/g, '');
  if (!text.startsWith('8')) throw bad(`board "${value}": only 8x8 boards are supported`);
  const cells = text.slice(1, 65);
  const mover = text.slice(65);
  if (cells.length !== 64 || mover.length !== 1) {
    throw bad(`board "${value}": expected 8, 64 cells and the side to move`);
  }
  const array = new Uint8Array(64);
  for (let s = 0; s < 64; s++) {
    const c = cells[s]!;
    if (BLACK_CELLS.has(c)) array[s] = 1;
    else if (WHITE_CELLS.has(c)) array[s] = 2;
    else if (!EMPTY_CELLS.has(c)) throw bad(`board cell "${c}" at ${s}: expected *, O or -`);
  }
  const player = BLACK_CELLS.has(mover) ? 1 : WHITE_CELLS.has(mover) ? 2 : 0;
  if (player === 0) throw bad(`board side to move "${mover}": expected * or O`);
  return Position.fromCells(array, player, { minDiscs: 0 });
}

/** A move as NBoard writes it: F5, f5, PA or PASS, optionally followed by /eval/time. */
export function parseMove(text: string): number {
  const move = text.split('/')[0]!.trim();
  const lower = move.toLowerCase();
  if (lower === 'pa' || lower === 'pass' || lower === '--') return -1;
  try {
    return nameToSquare(move);
  } catch {
    throw bad(`move "${text}": expected a square a1..h8 or PA`);
  }
}

/**
 * Plays `square` (-1 = pass) for `color` on `position`. When the other side is to move and has to
 * pass, the pass is implied (some writers leave passes out).
 */
export function playMove(position: Position, color: 1 | 2, square: number): Position {
  let p = position;
  if (p.player !== color) {
    if (!p.mustPass()) {
      throw bad(`${color === 1 ? 'black' : 'white'} moved out of turn`);
    }
    p = p.pass();
  }
  if (square === -1) {
    if (!p.mustPass()) throw bad(`${color === 1 ? 'black' : 'white'} passed with legal moves`);
    return p.pass();
  }
  if (!p.isLegal(square)) {
    throw bad(
      `illegal move ${position.cell(square) === 0 ? 'on' : 'onto an occupied'} square ${square}`,
    );
  }
  return p.play(square);
}

/** Parses a GGF game (board type 8) and replays its moves. Bad input is a one-line CliError. */
export function parseGgf(text: string): GgfGame {
  const props: Record<string, string> = {};
  const moves: GgfGame['moves'] = [];
  let start = Position.initial();
  for (const [key, value] of properties(text)) {
    if (key === 'B' || key === 'W') {
      moves.push({ color: key === 'B' ? 1 : 2, square: parseMove(value) });
      continue;
    }
    props[key] = value;
    if (key === 'TY' && !/^\s*8/.test(value)) {
      throw bad(`board type "${value}": only 8x8 Othello (TY[8]) is supported`);
    }
    if (key === 'BO') start = parseBoard(value);
  }
  let position = start;
  for (const [i, move] of moves.entries()) {
    try {
      position = playMove(position, move.color, move.square);
    } catch (error) {
      throw bad(`move ${i + 1}: ${(error as Error).message.replace(/^GGF: /, '')}`);
    }
  }
  return { start, moves, position, properties: props };
}
