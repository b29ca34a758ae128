import { CANONICAL_OFFSETS, CANONICAL_SIGNS } from './canonical';
import { PrismindError } from './contracts/errors';
import { DEFAULT_STAGES } from './contracts/types';
import {
  FEATURE_COUNT,
  FEATURE_SQUARES,
  FEATURE_START,
  SHAPE_OFFSETS,
  WEIGHTS_PER_STAGE,
} from './patterns';
import { Position } from './position';
import { parseCells } from './validate';

/** Digits of the 64 squares for featureIndicesInto (module scratch, never escapes). */
const DIGITS = new Uint8Array(64);

/**
 * The 46 feature indices of a board given as absolute bitboards (int32 halves), written to
 * out[at .. at + 46). index = Σ d(q[i]) · 3^(n-1-i), d = 0 empty, 1 black, 2 white, first square
 * most significant (docs/engine-spec.md, "Feature index"). A reference implementation: simple,
 * allocation-free, not incremental.
 */
export function featureIndicesInto(
  blackLo: number,
  blackHi: number,
  whiteLo: number,
  whiteHi: number,
  out: Uint32Array | Int32Array,
  at = 0,
): void {
  const d = DIGITS;
  for (let s = 0; s < 32; s++) {
    const bit = 1 << s;
    d[s] = (blackLo & bit) !== 0 ? 1 : (whiteLo & bit) !== 0 ? 2 : 0;
    d[s + 32] = (blackHi & bit) !== 0 ? 1 : (whiteHi & bit) !== 0 ? 2 : 0;
  }
  for (let f = 0; f < FEATURE_COUNT; f++) {
    let index = 0;
    const end = FEATURE_START[f + 1]!;
    for (let i = FEATURE_START[f]!; i < end; i++) index = index * 3 + d[FEATURE_SQUARES[i]!]!;
    out[at + f] = index;
  }
}

/**
 * The 46 feature indices (base 3, absolute colours, feature order) of a Position or of 64 cells
 * (validated as by parseCells with any disc count: INVALID_BOARD).
 */
export function featureIndices(
  input: Position | Uint8Array | Int8Array | readonly number[],
): Uint32Array {
  const out = new Uint32Array(FEATURE_COUNT);
  if (input instanceof Position) {
    const [bLo, bHi] = input.black;
    const [wLo, wHi] = input.white;
    featureIndicesInto(bLo, bHi, wLo, wHi, out);
    return out;
  }
  const c = parseCells(input, { minDiscs: 0 });
  for (let f = 0; f < FEATURE_COUNT; f++) {
    let index = 0;
    const end = FEATURE_START[f + 1]!;
    for (let i = FEATURE_START[f]!; i < end; i++) index = index * 3 + c[FEATURE_SQUARES[i]!]!;
    out[f] = index;
  }
  return out;
}

/**
 * The stage of a position with `discs` discs (both colours, 4..64) among `stages` stages (1..61,
 * default 30): floor((discs - 4) · stages / 61). INVALID_BOARD for a disc count outside 4..64,
 * INVALID_OPTIONS for a stage count outside 1..61.
 */
export function stageOf(discs: number, stages: number = DEFAULT_STAGES): number {
  if (!(Number.isInteger(discs) && discs >= 4 && discs <= 64)) {
    throw new PrismindError(
      'INVALID_BOARD',
      `disc count ${String(discs)} is out of range; expected an integer 4..64`,
      { details: { discs } },
    );
  }
  if (!(Number.isInteger(stages) && stages >= 1 && stages <= 61)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `stage count ${String(stages)} is out of range; expected an integer 1..61`,
      { details: { stages } },
    );
  }
  return Math.floor(((discs - 4) * stages) / 61);
}

/**
 * Where a weight lives in the flat table: stage · 167265 + shape offset + canon(index), so a
 * configuration, its mirror image and its colour inverse give one offset (docs/engine-spec.md,
 * "Weight layout"). Arguments are not checked.
 */
export function weightOffset(stage: number, shape: number, index: number): number {
  return stage * WEIGHTS_PER_STAGE + CANONICAL_OFFSETS[SHAPE_OFFSETS[shape]! + index]!;
}

/**
 * How configuration `index` of `shape` reads the weight at weightOffset: 1, -1 (a colour inverse of
 * the canonical configuration) or 0 (the tied value is 0). Arguments are not checked.
 */
export function weightSign(shape: number, index: number): number {
  return CANONICAL_SIGNS[SHAPE_OFFSETS[shape]! + index]!;
}
