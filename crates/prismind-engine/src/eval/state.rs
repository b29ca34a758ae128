//! A model's state as it crosses a boundary (file, JavaScript), and its validation: a state that
//! loads evaluates correctly, so everything is checked before a single value is copied.

use super::model::{check_stages, ModelCounters};
use crate::error::{err, EngineResult, ErrorCode};
use crate::patterns::{PATTERN_SET, WEIGHTS_PER_STAGE};

/// Counters beyond this would not survive a trip through a JavaScript number.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// An owned model state (docs/engine-spec.md, "Model state").
#[derive(Clone, Debug, PartialEq)]
pub struct ModelState {
    pub pattern_set: String,
    pub stages: u32,
    pub weights: Vec<f32>,
    pub adam_m: Vec<f32>,
    pub adam_v: Vec<f32>,
    pub counters: ModelCounters,
}

impl ModelState {
    pub fn as_ref(&self) -> ModelStateRef<'_> {
        ModelStateRef {
            pattern_set: &self.pattern_set,
            stages: self.stages,
            weights: &self.weights,
            adam_m: &self.adam_m,
            adam_v: &self.adam_v,
            counters: self.counters,
        }
    }
}

/// A borrowed model state: what a binding builds from typed arrays without copying.
#[derive(Clone, Copy, Debug)]
pub struct ModelStateRef<'a> {
    pub pattern_set: &'a str,
    pub stages: u32,
    pub weights: &'a [f32],
    pub adam_m: &'a [f32],
    pub adam_v: &'a [f32],
    pub counters: ModelCounters,
}

pub(crate) fn check_state(state: &ModelStateRef<'_>) -> EngineResult<()> {
    if state.pattern_set != PATTERN_SET {
        return err(
            ErrorCode::InvalidState,
            format!(
                "pattern set is {:?}; expected {PATTERN_SET:?}",
                state.pattern_set
            ),
        );
    }
    check_stages(state.stages)?;
    let expected = state.stages as usize * WEIGHTS_PER_STAGE;
    for (name, array) in [
        ("weights", state.weights),
        ("adamM", state.adam_m),
        ("adamV", state.adam_v),
    ] {
        if array.len() != expected {
            return err(
                ErrorCode::InvalidState,
                format!(
                    "{name} has {} values; expected {expected} ({} stages x {WEIGHTS_PER_STAGE})",
                    array.len(),
                    state.stages
                ),
            );
        }
        if let Some(i) = array.iter().position(|x| !x.is_finite()) {
            return err(
                ErrorCode::InvalidState,
                format!("{name}[{i}] is {}; expected a finite number", array[i]),
            );
        }
    }
    if let Some(i) = state.adam_v.iter().position(|&x| x < 0.0) {
        return err(
            ErrorCode::InvalidState,
            format!(
                "adamV[{i}] is {}; expected >= 0 (a second moment)",
                state.adam_v[i]
            ),
        );
    }
    check_counters(&state.counters)
}

pub(crate) fn check_counters(c: &ModelCounters) -> EngineResult<()> {
    for (name, value) in [("step", c.step), ("games", c.games)] {
        if value > MAX_SAFE_INTEGER {
            return err(
                ErrorCode::InvalidState,
                format!("{name} is {value}; expected at most 2^53 - 1"),
            );
        }
    }
    for (name, value) in [("beta1Power", c.beta1_power), ("beta2Power", c.beta2_power)] {
        if !(0.0..=1.0).contains(&value) {
            return err(
                ErrorCode::InvalidState,
                format!("{name} is {value}; expected a number in [0, 1]"),
            );
        }
    }
    Ok(())
}
