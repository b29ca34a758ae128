//! Evaluation: the sum, in f64 and in feature order, of one f32 weight per feature, from the table
//! of the position's stage at the feature's canonical index, read as it is, negated or as 0
//! (docs/engine-spec.md, "Evaluation", "Tied mirror and colour weights"). Positive favours black.

mod model;
mod shared;
mod state;
#[cfg(test)]
mod tests;

pub use model::{Model, ModelCounters, DEFAULT_STAGES, MAX_STAGES};
pub(crate) use shared::{SharedWeights, SharedWriter, WeightTable, WeightsMut};
pub use state::{ModelState, ModelStateRef};

use crate::board::Position;
use crate::features::Features;
use crate::patterns::{
    canonical_offsets, stage_of, FEATURES, FEATURE_COUNT, NEGATED, OFFSET_MASK, SHAPE_OFFSETS,
    VANISHING, WEIGHTS_PER_STAGE,
};

const fn build_feature_offsets() -> [usize; FEATURE_COUNT] {
    let mut offsets = [0; FEATURE_COUNT];
    let mut f = 0;
    while f < FEATURE_COUNT {
        offsets[f] = SHAPE_OFFSETS[FEATURES[f].shape as usize];
        f += 1;
    }
    offsets
}

/// Where each feature's shape table starts inside a stage.
pub(crate) const FEATURE_OFFSETS: [usize; FEATURE_COUNT] = build_feature_offsets();

/// First weight of `stage`'s block in the flat layout.
#[inline]
pub(crate) fn stage_base(discs: u32, stages: u32) -> usize {
    stage_of(discs, stages) as usize * WEIGHTS_PER_STAGE
}

// A stage's base plus a table entry must leave the flag bits alone.
const _: () = assert!((MAX_STAGES as usize) * WEIGHTS_PER_STAGE <= OFFSET_MASK as usize);

/// The flat weight references of a position's 46 features, in feature order (canonical indices
/// with their sign flags: a configuration, its mirror image and its colour inverse read one weight).
#[inline]
pub(crate) fn weight_offsets(features: &Features, base: usize) -> [u32; FEATURE_COUNT] {
    let canon = canonical_offsets();
    std::array::from_fn(|f| {
        base as u32 + canon[FEATURE_OFFSETS[f] + usize::from(features.indices[f])]
    })
}

/// The flat offset of the weight a reference reads.
#[inline(always)]
pub fn referenced_offset(reference: u32) -> usize {
    (reference & OFFSET_MASK) as usize
}

/// How a reference reads its weight: 1, -1 (`NEGATED`) or 0 (`VANISHING`). The TD gradient of the
/// weight is this sign times the position's term.
#[inline(always)]
pub fn reference_sign(reference: u32) -> f64 {
    // Indexed by the two flag bits (NEGATED, VANISHING): a load instead of two branches that a
    // position's mixed signs would mispredict. Both flags at once never occur.
    const SIGNS: [f64; 4] = [1.0, 0.0, -1.0, 0.0];
    const _: () = assert!(NEGATED == 1 << 31 && VANISHING == 1 << 30);
    SIGNS[(reference >> 30) as usize]
}

/// The value a reference reads: sign · weight, in f64 (exact: a sign change or 0).
#[inline(always)]
pub(crate) fn read_reference<W: WeightTable + ?Sized>(weights: &W, reference: u32) -> f64 {
    reference_sign(reference) * f64::from(weights.weight(referenced_offset(reference)))
}

/// Σ sign · weight in f64, feature order. `base` is the stage's first weight.
#[inline]
pub(crate) fn evaluate_features<W: WeightTable + ?Sized>(
    weights: &W,
    base: usize,
    features: &Features,
) -> f64 {
    let canon = canonical_offsets();
    let mut sum = 0.0f64;
    for (offset, &index) in FEATURE_OFFSETS.iter().zip(&features.indices) {
        sum += read_reference(weights, base as u32 + canon[offset + usize::from(index)]);
    }
    sum
}

/// The static value of a position in discs, black's view; the side to move plays no part.
pub fn evaluate(model: &Model, position: &Position) -> f64 {
    let base = stage_base(position.disc_count(), model.stages());
    evaluate_features(model.weights(), base, &Features::of(position))
}
