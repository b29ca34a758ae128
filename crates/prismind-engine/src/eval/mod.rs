//! Evaluation: the sum, in f64 and in feature order, of one f32 weight per feature, from the table
//! of the position's stage at the feature's canonical index (docs/engine-spec.md, "Evaluation",
//! "Tied mirror weights"). Positive favours black.

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
    canonical_offsets, stage_of, FEATURES, FEATURE_COUNT, SHAPE_OFFSETS, WEIGHTS_PER_STAGE,
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

/// The flat offsets of a position's 46 weights, in feature order (canonical indices: a
/// configuration and its mirror image read one weight).
#[inline]
pub(crate) fn weight_offsets(features: &Features, base: usize) -> [u32; FEATURE_COUNT] {
    let canon = canonical_offsets();
    std::array::from_fn(|f| {
        (base + canon[FEATURE_OFFSETS[f] + usize::from(features.indices[f])] as usize) as u32
    })
}

/// Σ weights in f64, feature order. `base` is the stage's first weight.
#[inline]
pub(crate) fn evaluate_features<W: WeightTable + ?Sized>(
    weights: &W,
    base: usize,
    features: &Features,
) -> f64 {
    let canon = canonical_offsets();
    let mut sum = 0.0f64;
    for (offset, &index) in FEATURE_OFFSETS.iter().zip(&features.indices) {
        sum += f64::from(weights.weight(base + canon[offset + usize::from(index)] as usize));
    }
    sum
}

/// The static value of a position in discs, black's view; the side to move plays no part.
pub fn evaluate(model: &Model, position: &Position) -> f64 {
    let base = stage_base(position.disc_count(), model.stages());
    evaluate_features(model.weights(), base, &Features::of(position))
}
