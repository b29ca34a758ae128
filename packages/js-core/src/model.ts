import { type ModelState, PATTERN_SET_ID } from '@prismind/board/contracts';
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

  /** Copy a state in, checked first by validateModelState (@prismind/board): arrays of this model's length. */
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
