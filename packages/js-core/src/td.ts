import type { LearningParams } from '@prismind/board/contracts';
import { C_BETA1_POWER, C_BETA2_POWER, C_STEP } from './model';

/**
 * The TD(λ) update of one game and lazy Adam (docs/engine-spec.md, "TD(λ) update"), in f64 with
 * f32 storage, exactly in the spec's order so both backends agree bit for bit.
 *
 * A game is given as its recorded positions' weight offsets and signs: for position k,
 * offs[46 k + f] = stage(x_k) · 167265 + shape offset + canon(index_k(f)), and signs[46 k + f] how
 * that feature reads the weight (1, -1 or 0: "Tied mirror and colour weights"). The gradient is sparse (at most 60 · 46 = 2760
 * entries), so it lives in a small open-addressing table keyed by offset, not in a dense array of
 * millions of weights; entries keep first-touch order, which is also the order Adam visits them
 * (any order gives the same result: each weight's update reads only its own w, m and v).
 */

/** Most positions a game can record (one per move). */
export const MAX_POSITIONS = 60;
const MAX_TOUCHED = MAX_POSITIONS * 46;
const HASH_BITS = 13;
const HASH_SIZE = 1 << HASH_BITS;

/** The arrays and counters an update changes (a SharedModel, or plain arrays in tests). */
export interface TdTarget {
  weights: Float32Array;
  adamM: Float32Array;
  adamV: Float32Array;
  /** [step, beta1Power, beta2Power, games]. */
  counters: Float64Array;
}

export class TdLearner {
  /** offset + 1 per slot, 0 = free. */
  private readonly keys = new Int32Array(HASH_SIZE);
  /** Index into touched/grad per slot. */
  private readonly slot = new Int32Array(HASH_SIZE);
  /** Offsets with a gradient entry, in first-touch order, and their gradients. */
  readonly touched: Int32Array = new Int32Array(MAX_TOUCHED);
  readonly grad: Float64Array = new Float64Array(MAX_TOUCHED);
  touchedCount = 0;
  /** For term 46 k + f (position k, feature f): its entry in touched/grad. */
  private readonly termEntry = new Int32Array(MAX_TOUCHED);
  private offs: Int32Array = new Int32Array(0);
  private signs: Int8Array = new Int8Array(0);
  private count = 0;
  /** V_k and E_k of the last game. */
  readonly values: Float64Array = new Float64Array(MAX_POSITIONS);
  readonly errors: Float64Array = new Float64Array(MAX_POSITIONS);
  /** Gathered w, m, v of the touched weights (the Adam step's first pass). */
  private readonly gw = new Float32Array(MAX_TOUCHED);
  private readonly gm = new Float32Array(MAX_TOUCHED);
  private readonly gv = new Float32Array(MAX_TOUCHED);

  /**
   * Group a game's weight offsets (positions 0..count-1, 46 each): the distinct offsets in
   * first-touch order and, per term, its entry. This does not read the weights, so training does
   * it before taking the update lock. `offs` and `signs` are kept (not copied) until the update.
   */
  prepare(offs: Int32Array, signs: Int8Array, count: number): void {
    this.keys.fill(0);
    this.touchedCount = 0;
    this.offs = offs;
    this.signs = signs;
    this.count = count;
    const terms = count * 46;
    for (let j = 0; j < terms; j++) this.termEntry[j] = this.entry(offs[j]!);
  }

  /**
   * The gradient of the prepared game into touched/grad (touchedCount entries): V_k with the
   * current weights (Σ sign · weight), the λ-return errors E_k (backward: E_{T-1} = z − V_{T-1},
   * E_k = (V_{k+1} − V_k) + λ E_{k+1}), then g[offset] += −E_k · sign for k = 0..T−1, f = 0..45 in
   * order, from 0.
   */
  gradient(weights: Float32Array, z: number, lambda: number): void {
    // read as properties, not destructured, so the linter sees offs and signs are used
    const offs = this.offs;
    const signs = this.signs;
    const count = this.count;
    const { values, errors, grad, termEntry } = this;
    for (let k = 0; k < count; k++) {
      let sum = 0;
      const at = k * 46;
      for (let f = 0; f < 46; f++) sum += signs[at + f]! * weights[offs[at + f]!]!;
      values[k] = sum;
    }
    let next = z - values[count - 1]!;
    errors[count - 1] = next;
    for (let k = count - 2; k >= 0; k--) {
      next = values[k + 1]! - values[k]! + lambda * next;
      errors[k] = next;
    }
    grad.fill(0, 0, this.touchedCount);
    for (let k = 0; k < count; k++) {
      const term = -errors[k]!;
      const at = k * 46;
      for (let f = 0; f < 46; f++) {
        const i = termEntry[at + f]!;
        grad[i] = grad[i]! + term * signs[at + f]!;
      }
    }
  }

  /**
   * One lazy Adam step on the touched weights: step += 1, running beta powers, m, v (f64 from the
   * stored f32, stored as f32), bias-corrected step on w. A weight, m or v that comes out
   * non-finite is reset to 0 (all three). Returns the number of such resets.
   */
  adam(target: TdTarget, p: LearningParams): number {
    const c = target.counters;
    c[C_STEP] = c[C_STEP]! + 1;
    const beta1Power = c[C_BETA1_POWER]! * p.beta1;
    const beta2Power = c[C_BETA2_POWER]! * p.beta2;
    c[C_BETA1_POWER] = beta1Power;
    c[C_BETA2_POWER] = beta2Power;
    const { weights, adamM, adamV } = target;
    const touched = this.touched;
    const grad = this.grad;
    const gw = this.gw;
    const gm = this.gm;
    const gv = this.gv;
    const n = this.touchedCount;
    // Gather first: a loop that only loads keeps many cache misses in flight (the arrays are 20 MB
    // each and the touched weights scattered); the arithmetic then runs on data in cache. This
    // measured about twice as fast as one fused loop.
    for (let i = 0; i < n; i++) {
      const o = touched[i]!;
      gw[i] = weights[o]!;
      gm[i] = adamM[o]!;
      gv[i] = adamV[o]!;
    }
    const b1 = p.beta1;
    const b2 = p.beta2;
    const oneMinusB1 = 1 - b1;
    const oneMinusB2 = 1 - b2;
    const c1 = 1 - beta1Power;
    const c2 = 1 - beta2Power;
    const lr = p.learningRate;
    const eps = p.adamEpsilon;
    let resets = 0;
    for (let i = 0; i < n; i++) {
      const g = grad[i]!;
      const m = Math.fround(b1 * gm[i]! + oneMinusB1 * g);
      const v = Math.fround(b2 * gv[i]! + oneMinusB2 * (g * g));
      const mHat = m / c1;
      const vHat = v / c2;
      const w = Math.fround(gw[i]! - (lr * mHat) / (Math.sqrt(vHat) + eps));
      const o = touched[i]!;
      // x - x is NaN exactly when x is NaN or ±Infinity.
      if (w - w !== 0 || m - m !== 0 || v - v !== 0) {
        weights[o] = 0;
        adamM[o] = 0;
        adamV[o] = 0;
        resets++;
      } else {
        weights[o] = w;
        adamM[o] = m;
        adamV[o] = v;
      }
    }
    return resets;
  }

  /**
   * The last game's TD error, in discs: (Σ_k |E_k|) / T in position order (docs/engine-spec.md);
   * 0 for no positions. Bookkeeping only: the update does not use it.
   */
  meanAbsError(): number {
    const count = this.count;
    if (count === 0) return 0;
    let sum = 0;
    for (let k = 0; k < count; k++) sum += Math.abs(this.errors[k]!);
    return sum / count;
  }

  /** gradient then adam on the prepared game: what runs under the update lock. */
  apply(target: TdTarget, z: number, p: LearningParams): number {
    this.gradient(target.weights, z, p.lambda);
    return this.adam(target, p);
  }

  /** prepare, gradient, adam: the whole update of one game. Returns the resets. */
  update(
    target: TdTarget,
    offs: Int32Array,
    signs: Int8Array,
    count: number,
    z: number,
    p: LearningParams,
  ): number {
    this.prepare(offs, signs, count);
    return this.apply(target, z, p);
  }

  /** The gradient entry of `offset`, created on first touch. */
  private entry(offset: number): number {
    const keys = this.keys;
    const key = offset + 1;
    let h = Math.imul(offset, 0x9e3779b1) >>> (32 - HASH_BITS);
    for (;;) {
      const k = keys[h]!;
      if (k === key) return this.slot[h]!;
      if (k === 0) {
        const i = this.touchedCount++;
        keys[h] = key;
        this.slot[h] = i;
        this.touched[i] = offset;
        return i;
      }
      h = (h + 1) & (HASH_SIZE - 1);
    }
  }
}
