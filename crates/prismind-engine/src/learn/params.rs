//! Learning and self-play parameters, with the contract's defaults and ranges.

use crate::error::{err, EngineResult, ErrorCode};

/// TD(λ) and Adam parameters (docs/engine-spec.md defaults).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TdParams {
    pub lambda: f64,
    pub learning_rate: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub adam_epsilon: f64,
}

impl Default for TdParams {
    fn default() -> Self {
        TdParams {
            lambda: 0.7,
            learning_rate: 0.005,
            beta1: 0.9,
            beta2: 0.999,
            adam_epsilon: 1e-8,
        }
    }
}

impl TdParams {
    /// The contract's ranges: λ in [0, 1], lr in (0, 10], β in [0, 1), ε in (0, 1].
    pub fn validate(&self) -> EngineResult<()> {
        check(self.lambda, "lambda", 0.0, true, 1.0, true)?;
        check(self.learning_rate, "learningRate", 0.0, false, 10.0, true)?;
        check(self.beta1, "beta1", 0.0, true, 1.0, false)?;
        check(self.beta2, "beta2", 0.0, true, 1.0, false)?;
        check(self.adam_epsilon, "adamEpsilon", 0.0, false, 1.0, true)
    }
}

/// How self-play chooses a move when it does not explore.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SelfPlaySearch {
    /// Fixed search depth (1..20).
    pub depth: u32,
    /// A per-move time limit: makes games non-reproducible, so only when asked for.
    pub time_ms: Option<u64>,
    /// Solve exactly at or below this many empties (0..30; 0 = never).
    pub exact_empties: u32,
}

impl Default for SelfPlaySearch {
    fn default() -> Self {
        SelfPlaySearch {
            depth: 1,
            time_ms: None,
            exact_empties: 0,
        }
    }
}

impl SelfPlaySearch {
    pub fn validate(&self) -> EngineResult<()> {
        if !(1..=20).contains(&self.depth) {
            return err(
                ErrorCode::InvalidOptions,
                format!("search.depth is {}; expected 1..20", self.depth),
            );
        }
        if self.exact_empties > 30 {
            return err(
                ErrorCode::InvalidOptions,
                format!(
                    "search.exactEmpties is {}; expected 0..30",
                    self.exact_empties
                ),
            );
        }
        if let Some(ms) = self.time_ms {
            if !(1..=60_000).contains(&ms) {
                return err(
                    ErrorCode::InvalidOptions,
                    format!("search.timeMs is {ms}; expected 1..60000"),
                );
            }
        }
        Ok(())
    }

    pub(crate) fn limits(&self) -> crate::search::SearchLimits {
        crate::search::SearchLimits {
            depth: Some(self.depth),
            time_ms: self.time_ms,
            nodes: None,
            exact_empties: self.exact_empties,
        }
    }
}

/// `value` within the bounds (each inclusive or not); NaN never is.
pub(crate) fn check(
    value: f64,
    name: &str,
    low: f64,
    low_inclusive: bool,
    high: f64,
    high_inclusive: bool,
) -> EngineResult<()> {
    let above = if low_inclusive {
        value >= low
    } else {
        value > low
    };
    let below = if high_inclusive {
        value <= high
    } else {
        value < high
    };
    if above && below {
        Ok(())
    } else {
        let open = if low_inclusive { '[' } else { '(' };
        let close = if high_inclusive { ']' } else { ')' };
        err(
            ErrorCode::InvalidOptions,
            format!("{name} is {value}; expected a number in {open}{low}, {high}{close}"),
        )
    }
}
