import {
  FEATURE_COUNT,
  featureIndices,
  PATTERN_FEATURES,
  PATTERN_SHAPES,
  type Position,
  stageOf,
  weightOffset,
  weightSign,
} from '@prismind/board';
import type { ModelState } from '@prismind/board/contracts';

/** One of a position's 46 features with the weight it reads. */
export interface FeatureTerm {
  feature: number;
  shape: number;
  pattern: string;
  instance: number;
  /** Base-3 index. */
  index: number;
  /** Flat offset into weights/adamM/adamV. */
  offset: number;
  /** How the feature reads that weight: 1, -1 (a colour inverse of the canonical configuration) or 0. */
  sign: number;
  /** The value it adds to the evaluation: sign · the stored weight. */
  weight: number;
  /**
   * ∂V/∂w for this feature's weight: the sum of the signs of the position's features that read
   * the same weight (usually 1 or -1; symmetric positions can hit one weight twice). It is what the position adds to
   * that weight's eligibility trace.
   */
  increment: number;
}

/** The 46 weight offsets and signs of a position (Uint8Array cells or a Position) and its stage. */
export function featureOffsets(
  position: Position | Uint8Array,
  stages: number,
): { stage: number; offsets: Int32Array; signs: Int8Array; indices: Uint32Array } {
  const indices = featureIndices(position);
  let discs = 0;
  if (position instanceof Uint8Array) {
    for (const c of position) if (c !== 0) discs++;
  } else {
    discs = position.discs();
  }
  // engines refuse boards with fewer than 4 discs; an inspector shows them at stage 0
  const stage = stageOf(Math.max(discs, 4), stages);
  const offsets = new Int32Array(FEATURE_COUNT);
  const signs = new Int8Array(FEATURE_COUNT);
  for (let f = 0; f < FEATURE_COUNT; f++) {
    const shape = PATTERN_FEATURES[f]!.shape;
    offsets[f] = weightOffset(stage, shape, indices[f]!);
    signs[f] = weightSign(shape, indices[f]!);
  }
  return { stage, offsets, signs, indices };
}

/** V = Σ sign · weight over the 46 features, in f64 and feature order (docs/engine-spec.md). */
export function modelValue(state: ModelState, offsets: Int32Array, signs: Int8Array): number {
  let sum = 0;
  for (let f = 0; f < offsets.length; f++) sum += signs[f]! * state.weights[offsets[f]!]!;
  return sum;
}

/** The feature terms of a position under a model. */
export function featureTerms(
  state: ModelState,
  offsets: Int32Array,
  signs: Int8Array,
  indices: Uint32Array,
): FeatureTerm[] {
  const counts = new Map<number, number>();
  offsets.forEach((o, f) => {
    counts.set(o, (counts.get(o) ?? 0) + signs[f]!);
  });
  return Array.from(offsets, (offset, f) => {
    const pf = PATTERN_FEATURES[f]!;
    return {
      feature: f,
      shape: pf.shape,
      pattern: PATTERN_SHAPES[pf.shape]!.name,
      instance: pf.instance,
      index: indices[f]!,
      offset,
      sign: signs[f]!,
      weight: signs[f]! * state.weights[offset]!,
      increment: counts.get(offset)!,
    };
  });
}
