import {
  FEATURE_COUNT,
  featureIndices,
  PATTERN_FEATURES,
  PATTERN_SHAPES,
  type Position,
  stageOf,
  weightOffset,
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
  weight: number;
  /**
   * ∂V/∂w for this feature's weight: how many of the position's features read the same weight
   * (usually 1; symmetric positions can hit one weight twice). It is what the position adds to
   * that weight's eligibility trace.
   */
  increment: number;
}

/** The 46 weight offsets of a position (Uint8Array cells or a Position) and its stage. */
export function featureOffsets(
  position: Position | Uint8Array,
  stages: number,
): { stage: number; offsets: Int32Array; indices: Uint32Array } {
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
  for (let f = 0; f < FEATURE_COUNT; f++) {
    offsets[f] = weightOffset(stage, PATTERN_FEATURES[f]!.shape, indices[f]!);
  }
  return { stage, offsets, indices };
}

/** V = Σ weights over the 46 offsets, in f64 and feature order (docs/engine-spec.md). */
export function modelValue(state: ModelState, offsets: Int32Array): number {
  let sum = 0;
  for (let f = 0; f < offsets.length; f++) sum += state.weights[offsets[f]!]!;
  return sum;
}

/** The feature terms of a position under a model. */
export function featureTerms(
  state: ModelState,
  offsets: Int32Array,
  indices: Uint32Array,
): FeatureTerm[] {
  const counts = new Map<number, number>();
  for (const o of offsets) counts.set(o, (counts.get(o) ?? 0) + 1);
  return Array.from(offsets, (offset, f) => {
    const pf = PATTERN_FEATURES[f]!;
    return {
      feature: f,
      shape: pf.shape,
      pattern: PATTERN_SHAPES[pf.shape]!.name,
      instance: pf.instance,
      index: indices[f]!,
      offset,
      weight: state.weights[offset]!,
      increment: counts.get(offset)!,
    };
  });
}
