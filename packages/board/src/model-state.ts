import { PrismindError, schemaError } from './contracts/errors';
import { type ModelState, modelStateMetaSchema } from './contracts/model';
import { PATTERN_SET_ID } from './contracts/types';
import { WEIGHTS_PER_STAGE } from './patterns';

export interface ValidateModelStateOptions {
  /**
   * Also scan every value: finite everywhere, and adamV >= 0 (default true). A backend that scans
   * the values itself before copying anything (the native core does, in Rust) passes false rather
   * than walk the 15 million floats twice.
   */
  checkValues?: boolean;
}

/** The three arrays of a state, in the order they are checked. */
const ARRAY_NAMES = ['weights', 'adamM', 'adamV'] as const;

function invalid(message: string, details?: Record<string, unknown>): PrismindError {
  return new PrismindError('INVALID_STATE', message, details === undefined ? {} : { details });
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The index of the first non-finite value (or negative one when `nonNegative`), else -1. */
function firstBad(array: Float32Array, nonNegative: boolean): number {
  for (let i = 0; i < array.length; i++) {
    const x = array[i]!;
    // x - x is NaN for NaN and ±Infinity, 0 otherwise: one test for both.
    if (x - x !== 0 || (nonNegative && x < 0)) return i;
  }
  return -1;
}

/** One array of a state: a Float32Array of `stages · WEIGHTS_PER_STAGE` values (and, if asked, sane ones). */
function checkArray(
  name: (typeof ARRAY_NAMES)[number],
  array: unknown,
  stages: number,
  checkValues: boolean,
): void {
  const expected = stages * WEIGHTS_PER_STAGE;
  const layout = `${expected} (${stages} stages x ${WEIGHTS_PER_STAGE})`;
  if (!(array instanceof Float32Array)) {
    throw invalid(`${name} is ${describe(array)}; expected a Float32Array of ${layout} values`, {
      name,
    });
  }
  if (array.length !== expected) {
    throw invalid(`${name} has ${array.length} values; expected ${layout}`, {
      name,
      length: array.length,
      expected,
    });
  }
  if (!checkValues) return;
  const bad = firstBad(array, name === 'adamV');
  if (bad >= 0) {
    throw invalid(
      `${name}[${bad}] is ${array[bad]}; expected a finite number${name === 'adamV' ? ' >= 0' : ''}`,
      { name, index: bad, value: array[bad] },
    );
  }
}

/**
 * Check a model state before a single value is copied (docs/engine-spec.md, "Model state"): an
 * object, pattern set `prismind-v3`, counters by `modelStateMetaSchema` (stages 1..61, step and
 * games whole, beta powers in [0, 1]), then each of weights, adamM and adamV a Float32Array of
 * `stages · WEIGHTS_PER_STAGE` values and, with `checkValues` (the default), finite with adamV >= 0.
 * The first problem found throws INVALID_STATE saying what and where; both backends call this, so
 * they reject the same states with the same code. Returns the state, typed.
 */
export function validateModelState(
  state: unknown,
  options: ValidateModelStateOptions = {},
): ModelState {
  if (typeof state !== 'object' || state === null) {
    throw invalid(`state is ${state === null ? 'null' : typeof state}; expected a ModelState`);
  }
  const s = state as Record<string, unknown>;
  if (s.patternSet !== PATTERN_SET_ID) {
    throw invalid(
      `pattern set is ${JSON.stringify(s.patternSet)}; expected ${JSON.stringify(PATTERN_SET_ID)}`,
      { patternSet: s.patternSet },
    );
  }
  // Only the scalar fields: the schema is strict, and a state also carries its arrays.
  const meta = modelStateMetaSchema.safeParse({
    patternSet: s.patternSet,
    stages: s.stages,
    step: s.step,
    beta1Power: s.beta1Power,
    beta2Power: s.beta2Power,
    games: s.games,
  });
  if (!meta.success) throw schemaError('INVALID_STATE', 'state counters', meta.error.issues);
  const checkValues = options.checkValues ?? true;
  for (const name of ARRAY_NAMES) checkArray(name, s[name], meta.data.stages, checkValues);
  return state as ModelState;
}
