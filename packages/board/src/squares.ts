import { PrismindError } from './contracts/errors';

/** Square names in square order: SQUARE_NAMES[0] = 'a1', [7] = 'h1', [8] = 'a2', [63] = 'h8'. */
export const SQUARE_NAMES: readonly string[] = Object.freeze(
  Array.from({ length: 64 }, (_, s) => `${String.fromCharCode(97 + (s & 7))}${(s >>> 3) + 1}`),
);

/** True when `value` is an integer square index 0..63. */
export function isSquare(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 63;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value);
  }
  return value === null ? 'null' : typeof value;
}

function invalidSquare(square: unknown): never {
  throw new PrismindError(
    'INVALID_SQUARE',
    `square ${describe(square)} is not a square; expected an integer 0..63 (a1 = 0, h8 = 63)`,
    { details: { square } },
  );
}

/** 'a1'..'h8' for a square index 0..63; anything else is INVALID_SQUARE. */
export function squareToName(square: number): string {
  if (!isSquare(square)) invalidSquare(square);
  return SQUARE_NAMES[square]!;
}

/**
 * The index 0..63 of a square name: a file a..h then a rank 1..8, either case ('f5', 'F5');
 * anything else is INVALID_SQUARE.
 */
export function nameToSquare(name: string): number {
  if (typeof name === 'string' && name.length === 2) {
    const file = name.charCodeAt(0) | 0x20; // lower-case a letter
    const rank = name.charCodeAt(1) - 49;
    if (file >= 97 && file <= 104 && rank >= 0 && rank <= 7) return file - 97 + 8 * rank;
  }
  throw new PrismindError(
    'INVALID_SQUARE',
    `square name ${describe(name)} is not a square; expected a file a..h and a rank 1..8, e.g. "f5"`,
    { details: { name } },
  );
}

/** A square given as an index 0..63 or a name 'a1'..'h8'; anything else is INVALID_SQUARE. */
export function parseSquare(square: unknown): number {
  if (isSquare(square)) return square;
  if (typeof square === 'string') return nameToSquare(square);
  return invalidSquare(square);
}
