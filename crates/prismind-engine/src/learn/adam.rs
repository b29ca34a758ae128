//! Lazy Adam (docs/engine-spec.md): one step per game; only weights with a gradient entry move.
//! Every product and quotient is written in the spec's order, in f64, rounding to f32 exactly where
//! the spec stores, so the TypeScript engine (plain JS numbers and Math.fround) gets the same bits.

use super::params::TdParams;
use crate::eval::{ModelCounters, WeightsMut};

/// Apply one Adam step for the gradient `entries`; returns how many weights the NaN/Inf guard reset.
pub fn adam_step<W: WeightsMut + ?Sized>(
    weights: &mut W,
    adam_m: &mut [f32],
    adam_v: &mut [f32],
    counters: &mut ModelCounters,
    entries: &[(u32, f64)],
    params: &TdParams,
) -> u64 {
    counters.step += 1;
    counters.beta1_power *= params.beta1;
    counters.beta2_power *= params.beta2;
    let (beta1, beta2) = (params.beta1, params.beta2);
    let (one_minus_beta1, one_minus_beta2) = (1.0 - beta1, 1.0 - beta2);
    let bias1 = 1.0 - counters.beta1_power;
    let bias2 = 1.0 - counters.beta2_power;
    let mut resets = 0;
    for &(offset, g) in entries {
        let i = offset as usize;
        let m = (beta1 * f64::from(adam_m[i]) + one_minus_beta1 * g) as f32;
        let v = (beta2 * f64::from(adam_v[i]) + one_minus_beta2 * (g * g)) as f32;
        let m_hat = f64::from(m) / bias1;
        let v_hat = f64::from(v) / bias2;
        let w = (f64::from(weights.weight(i))
            - (params.learning_rate * m_hat) / (v_hat.sqrt() + params.adam_epsilon))
            as f32;
        if w.is_finite() && m.is_finite() && v.is_finite() {
            adam_m[i] = m;
            adam_v[i] = v;
            weights.set_weight(i, w);
        } else {
            adam_m[i] = 0.0;
            adam_v[i] = 0.0;
            weights.set_weight(i, 0.0);
            resets += 1;
        }
    }
    resets
}
