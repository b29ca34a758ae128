import { CANONICAL_OFFSETS, CANONICAL_SIGNS, WEIGHTS_PER_STAGE } from '@prismind/board';

/**
 * Evaluation (docs/engine-spec.md, "Evaluation"): Σ over the 46 features, in feature order, of
 * sign · the f32 weight at stage · 167265 + shape offset + canon(index) (a configuration, its mirror
 * image and its colour inverse read one weight, the inverse negated: "Tied mirror and colour
 * weights"), summed in f64 (JavaScript numbers are f64 and a Float32Array read is exact, so a plain
 * loop is exactly the spec's sum).
 */

/**
 * STAGE_BASE[discs] = stage(discs) · 167265 for discs 0..64, stage = floor((discs − 4) · S / 61);
 * entries below 4 discs are 0 (such positions are rejected before they reach an engine).
 */
export function stageBaseTable(stages: number): Int32Array {
  const table = new Int32Array(65);
  for (let discs = 4; discs <= 64; discs++) {
    table[discs] = Math.floor(((discs - 4) * stages) / 61) * WEIGHTS_PER_STAGE;
  }
  return table;
}

/** Σ sign · weights[base + CANONICAL_OFFSETS[i]], i = feats[at + f], for f = 0..45, in order, in f64. */
export function evalFeatures(
  weights: Float32Array,
  base: number,
  feats: Int32Array,
  at: number,
): number {
  let sum = 0;
  for (let f = 0; f < 46; f++) {
    const i = feats[at + f]!;
    sum += CANONICAL_SIGNS[i]! * weights[base + CANONICAL_OFFSETS[i]!]!;
  }
  return sum;
}
