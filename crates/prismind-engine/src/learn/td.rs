//! The offline TD(λ) update of one game (docs/engine-spec.md): values with the weights as they are
//! at the end of the game, λ-return errors E_k by the backward recursion, gradient -E_k on each of
//! the position's 46 weights, then one lazy Adam step. The game's TD error, mean |E_k|, is reported
//! alongside (bookkeeping only: it does not enter the update).

use super::adam::{adam_step, Moments};
use super::gradient::Gradient;
use super::params::TdParams;
use crate::eval::{read_reference, WeightTable, WeightsMut};
use crate::patterns::FEATURE_COUNT;

/// The flat weight references of one recorded position, in feature order (offsets with sign flags).
pub type PositionOffsets = [u32; FEATURE_COUNT];

/// V_k = evaluate(x_k) for each recorded position, in f64 and feature order.
pub fn position_values<W: WeightTable + ?Sized>(
    weights: &W,
    positions: &[PositionOffsets],
) -> Vec<f64> {
    positions
        .iter()
        .map(|offsets| {
            let mut sum = 0.0f64;
            for &reference in offsets {
                sum += read_reference(weights, reference);
            }
            sum
        })
        .collect()
}

/// What one update did.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TdOutcome {
    /// Weights reset by the NaN/Inf guard.
    pub resets: u64,
    /// The game's TD error: `mean_abs_error(E)` of its λ-return errors, in discs.
    pub mean_abs_error: f64,
}

/// One update from a game whose positions were grouped by `gradient.prepare(positions)`, their
/// values `values` (from `position_values`, with the weights as they are when the game ends) and
/// the final score `z` (black minus white).
pub fn td_update<W: WeightsMut + ?Sized>(
    weights: &mut W,
    moments: &mut Moments<'_>,
    values: &[f64],
    z: f64,
    params: &TdParams,
    gradient: &mut Gradient,
) -> TdOutcome {
    if values.is_empty() {
        return TdOutcome::default();
    }
    let errors = lambda_errors(values, z, params.lambda);
    gradient.accumulate(&errors, FEATURE_COUNT);
    let (offsets, gradients, scratch) = gradient.parts();
    TdOutcome {
        resets: adam_step(weights, moments, offsets, gradients, params, scratch),
        mean_abs_error: mean_abs_error(&errors),
    }
}

/// E_{T-1} = z - V_{T-1}; E_k = (V_{k+1} - V_k) + λ·E_{k+1}.
pub fn lambda_errors(values: &[f64], z: f64, lambda: f64) -> Vec<f64> {
    let t = values.len();
    let mut errors = vec![0.0; t];
    if t == 0 {
        return errors;
    }
    errors[t - 1] = z - values[t - 1];
    for k in (0..t - 1).rev() {
        let delta = values[k + 1] - values[k];
        errors[k] = delta + lambda * errors[k + 1];
    }
    errors
}

/// (Σ_k |E_k|) / T, summed in f64 in position order (docs/engine-spec.md); 0 for no positions.
pub fn mean_abs_error(errors: &[f64]) -> f64 {
    if errors.is_empty() {
        return 0.0;
    }
    errors.iter().fold(0.0, |sum, e| sum + e.abs()) / errors.len() as f64
}
