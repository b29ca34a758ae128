import {
  type ModelState,
  modelStateMetaSchema,
  PATTERN_SET_ID,
  PrismindError,
} from '@prismind/board/contracts';
import { WEIGHTS_PER_STAGE } from '@prismind/board';

/**
 * The model lives in SharedArrayBuffers: weights, Adam's m and v (Float32Array, flat layout of
 * docs/engine-spec.md) and the counters (Float64Array: step, beta1Power, beta2Power, games). Every
 * training worker maps the same memory, so no weight is copied between threads, and getState can
 * hand out views.
 */

export const C_STEP = 0;
export const C_BETA1_POWER = 1;
export const C_BETA2_POWER = 2;
export const C_GAMES = 3;

/** What crosses to a worker: the buffers themselves (postMessage shares, never copies, them). */
export interface ModelBuffers {
  stages: number;
  weights: SharedArrayBuffer;
  adamM: SharedArrayBuffer;
  adamV: SharedArrayBuffer;
  counters: SharedArrayBuffer;
}

export class SharedModel {
  readonly stages: number;
  readonly weights: Float32Array;
  readonly adamM: Float32Array;
  readonly adamV: Float32Array;
  /** [step, beta1Power, beta2Power, games]. */
  readonly counters: Float64Array;
  readonly buffers: ModelBuffers;

  constructor(buffers: ModelBuffers) {
    this.buffers = buffers;
    this.stages = buffers.stages;
    this.weights = new Float32Array(buffers.weights);
    this.adamM = new Float32Array(buffers.adamM);
    this.adamV = new Float32Array(buffers.adamV);
    this.counters = new Float64Array(buffers.counters);
  }

  /** A fresh model: all zeros, step 0, beta powers 1, games 0. */
  static create(stages: number): SharedModel {
    const bytes = stages * WEIGHTS_PER_STAGE * 4;
    const model = new SharedModel({
      stages,
      weights: new SharedArrayBuffer(bytes),
      adamM: new SharedArrayBuffer(bytes),
      adamV: new SharedArrayBuffer(bytes),
      counters: new SharedArrayBuffer(4 * 8),
    });
    model.counters[C_BETA1_POWER] = 1;
    model.counters[C_BETA2_POWER] = 1;
    return model;
  }

  get totalWeights(): number {
    return this.weights.length;
  }

  /** The state as views on the shared arrays plus a snapshot of the counters. */
  state(): ModelState {
    const c = this.counters;
    return {
      patternSet: PATTERN_SET_ID,
      stages: this.stages,
      weights: this.weights,
      adamM: this.adamM,
      adamV: this.adamV,
      step: c[C_STEP]!,
      beta1Power: c[C_BETA1_POWER]!,
      beta2Power: c[C_BETA2_POWER]!,
      games: c[C_GAMES]!,
    };
  }

  /** Copy a validated state in (arrays of this model's length). */
  load(state: ModelState): void {
    this.weights.set(state.weights);
    this.adamM.set(state.adamM);
    this.adamV.set(state.adamV);
    const c = this.counters;
    c[C_STEP] = state.step;
    c[C_BETA1_POWER] = state.beta1Power;
    c[C_BETA2_POWER] = state.beta2Power;
    c[C_GAMES] = state.games;
  }
}

function invalid(message: string, details?: Record<string, unknown>): PrismindError {
  return new PrismindError('INVALID_STATE', message, details ? { details } : {});
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

/**
 * Check a state before a single value is copied: pattern set, stage count, array types and
 * lengths, finite values (v >= 0), counters. INVALID_STATE saying what and where.
 */
export function validateState(state: unknown): ModelState {
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
  const meta = modelStateMetaSchema.safeParse({
    patternSet: s.patternSet,
    stages: s.stages,
    step: s.step,
    beta1Power: s.beta1Power,
    beta2Power: s.beta2Power,
    games: s.games,
  });
  if (!meta.success) {
    const problems = meta.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw invalid(`state counters are invalid: ${problems.join('; ')}`, { problems });
  }
  const expected = meta.data.stages * WEIGHTS_PER_STAGE;
  for (const name of ['weights', 'adamM', 'adamV'] as const) {
    const array = s[name];
    if (!(array instanceof Float32Array)) {
      throw invalid(`${name} is not a Float32Array; expected ${expected} f32 values`);
    }
    if (array.length !== expected) {
      throw invalid(
        `${name} has ${array.length} values; expected ${expected} (${meta.data.stages} stages x ${WEIGHTS_PER_STAGE})`,
        { name, length: array.length, expected },
      );
    }
    const bad = firstBad(array, name === 'adamV');
    if (bad >= 0) {
      throw invalid(
        `${name}[${bad}] is ${array[bad]}; expected a finite number${name === 'adamV' ? ' >= 0' : ''}`,
        { name, index: bad, value: array[bad] },
      );
    }
  }
  return state as ModelState;
}
