//! Lazy Adam (docs/engine-spec.md): one step per game; only weights with a gradient entry move.
//! Every product and quotient is written in the spec's order, in f64, rounding to f32 exactly where
//! the spec stores, so the TypeScript engine (plain JS numbers and Math.fround) gets the same bits.

use super::gradient::GatherBuffer;
use super::params::TdParams;
use crate::eval::{ModelCounters, WeightsMut};

/// Adam's state: the moments and the counters (the weights come separately, as they may be shared).
pub struct Moments<'a> {
    pub adam_m: &'a mut [f32],
    pub adam_v: &'a mut [f32],
    pub counters: &'a mut ModelCounters,
}

/// Apply one Adam step to the weights at `offsets` with their `gradients`; returns how many weights
/// the NaN/Inf guard reset.
pub fn adam_step<W: WeightsMut + ?Sized>(
    weights: &mut W,
    moments: &mut Moments<'_>,
    offsets: &[u32],
    gradients: &[f64],
    params: &TdParams,
    scratch: &mut GatherBuffer,
) -> u64 {
    let Moments {
        adam_m,
        adam_v,
        counters,
    } = moments;
    counters.step += 1;
    counters.beta1_power *= params.beta1;
    counters.beta2_power *= params.beta2;
    let (beta1, beta2) = (params.beta1, params.beta2);
    let (one_minus_beta1, one_minus_beta2) = (1.0 - beta1, 1.0 - beta2);
    let bias1 = 1.0 - counters.beta1_power;
    let bias2 = 1.0 - counters.beta2_power;
    // Gather first: a loop that only loads lets the CPU keep many cache misses in flight (the three
    // arrays are 20 MB each and the touched weights are scattered); the arithmetic then runs on
    // data already in cache. This halves the update's time.
    scratch.clear();
    scratch.extend(offsets.iter().map(|&offset| {
        let i = offset as usize;
        (weights.weight(i), adam_m[i], adam_v[i])
    }));
    let mut resets = 0;
    for ((&offset, &g), &(w_old, m_old, v_old)) in offsets.iter().zip(gradients).zip(scratch.iter())
    {
        let i = offset as usize;
        let m = (beta1 * f64::from(m_old) + one_minus_beta1 * g) as f32;
        let v = (beta2 * f64::from(v_old) + one_minus_beta2 * (g * g)) as f32;
        let m_hat = f64::from(m) / bias1;
        let v_hat = f64::from(v) / bias2;
        let w = (f64::from(w_old)
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
