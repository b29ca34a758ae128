//! Search options and results: plain structs a binding converts to and from its own types.

use crate::error::{err, EngineResult, ErrorCode};

/// The deepest iteration a search may ask for (there are at most 60 empties).
pub const MAX_DEPTH: u32 = 60;
/// The longest time limit (one day), as in the TypeScript contract.
pub const MAX_TIME_MS: u64 = 86_400_000;

/// When to stop. At least one of `depth`, `time_ms`, `nodes` must be given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SearchLimits {
    /// Deepest iteration (1..60).
    pub depth: Option<u32>,
    /// Wall-clock budget; an iteration still running when it expires is discarded.
    pub time_ms: Option<u64>,
    /// Node budget, same rule.
    pub nodes: Option<u64>,
    /// Solve exactly when the empties at the root are at most this (0 = never).
    pub exact_empties: u32,
}

impl SearchLimits {
    /// A fixed-depth search.
    pub fn depth(depth: u32) -> SearchLimits {
        SearchLimits {
            depth: Some(depth),
            ..SearchLimits::default()
        }
    }

    pub fn with_exact_empties(self, exact_empties: u32) -> SearchLimits {
        SearchLimits {
            exact_empties,
            ..self
        }
    }

    pub fn validate(&self) -> EngineResult<()> {
        if self.depth.is_none() && self.time_ms.is_none() && self.nodes.is_none() {
            return err(
                ErrorCode::InvalidLimits,
                "no search limit given; expected at least one of depth, timeMs or nodes",
            );
        }
        if let Some(depth) = self.depth {
            if !(1..=MAX_DEPTH).contains(&depth) {
                return err(
                    ErrorCode::InvalidLimits,
                    format!("depth is {depth}; expected 1..{MAX_DEPTH}"),
                );
            }
        }
        if let Some(ms) = self.time_ms {
            if !(1..=MAX_TIME_MS).contains(&ms) {
                return err(
                    ErrorCode::InvalidLimits,
                    format!("timeMs is {ms}; expected 1..{MAX_TIME_MS}"),
                );
            }
        }
        if self.nodes == Some(0) {
            return err(ErrorCode::InvalidLimits, "nodes is 0; expected at least 1");
        }
        if self.exact_empties > MAX_DEPTH {
            return err(
                ErrorCode::InvalidLimits,
                format!(
                    "exactEmpties is {}; expected 0..{MAX_DEPTH}",
                    self.exact_empties
                ),
            );
        }
        Ok(())
    }
}

/// What a search found. `score` is the root value from the side to move's view, in discs.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchResult {
    /// Best move 0..63, or -1 when the side to move must pass or the game is over.
    pub best_move: i32,
    pub score: f64,
    /// Last completed iteration; the number of empties for an exact solve.
    pub depth: u32,
    pub nodes: u64,
    pub time_ms: f64,
    /// The score is a solved final disc difference.
    pub exact: bool,
    /// Principal variation from the transposition table (at least the best move when there is one).
    pub pv: Vec<u8>,
}
