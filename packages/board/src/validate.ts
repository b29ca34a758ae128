import { PrismindError } from './contracts/errors';
import type { Player } from './contracts/types';
import { SQUARE_NAMES } from './squares';

/** Fewest discs of a position an engine accepts (docs/engine-spec.md, "Board and squares"). */
export const MIN_DISCS = 4;

export interface ParseCellsOptions {
  /**
   * Fewest discs (both colours) the board must hold: default MIN_DISCS (4), what both engines
   * require. 0 accepts any board (tools, puzzles).
   */
  minDiscs?: number;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value);
  }
  return kindOf(value);
}

/**
 * Validate 64 cells (0 empty, 1 black, 2 white; a `number[]`, `Int8Array` or `Uint8Array`) and
 * return them as a fresh Uint8Array. INVALID_BOARD, with the square and value, for: another input
 * type, a length other than 64, a value that is not an integer 0..2 (NaN, 1.5, -1, 3, '1', …), or
 * fewer discs than `options.minDiscs` (default 4). Both engines call this, so they reject the
 * same inputs with the same codes.
 */
export function parseCells(input: unknown, options: ParseCellsOptions = {}): Uint8Array {
  const minDiscs = options.minDiscs ?? MIN_DISCS;
  if (!(Array.isArray(input) || input instanceof Int8Array || input instanceof Uint8Array)) {
    throw new PrismindError(
      'INVALID_BOARD',
      `board is ${kindOf(input)}; expected 64 cells as a number[], Int8Array or Uint8Array`,
    );
  }
  const cells = input as ArrayLike<unknown>;
  if (cells.length !== 64) {
    throw new PrismindError(
      'INVALID_BOARD',
      `board has ${cells.length} cells; expected 64 (squares a1..h8)`,
      { details: { length: cells.length } },
    );
  }
  const out = new Uint8Array(64);
  let discs = 0;
  for (let s = 0; s < 64; s++) {
    const v = cells[s];
    if (v !== 0 && v !== 1 && v !== 2) {
      throw new PrismindError(
        'INVALID_BOARD',
        `cell ${s} (${SQUARE_NAMES[s]}) is ${showValue(v)}; expected 0 (empty), 1 (black) or 2 (white)`,
        { details: { square: s, value: v } },
      );
    }
    out[s] = v;
    if (v !== 0) discs++;
  }
  if (discs < minDiscs) {
    throw new PrismindError(
      'INVALID_BOARD',
      `board has ${discs} discs; expected at least ${minDiscs}`,
      { details: { discs, minDiscs } },
    );
  }
  return out;
}

/** Validate the player to move: exactly 1 (black) or 2 (white), else INVALID_PLAYER. */
export function parsePlayer(player: unknown): Player {
  if (player === 1 || player === 2) return player;
  throw new PrismindError(
    'INVALID_PLAYER',
    `player is ${showValue(player)}; expected 1 (black) or 2 (white)`,
    { details: { player } },
  );
}
