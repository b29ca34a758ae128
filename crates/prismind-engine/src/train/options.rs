//! Options of a training batch, with the contract's defaults and ranges
//! (`trainBatchOptionsSchema` in @prismind/board/contracts).

use crate::error::{err, EngineResult, ErrorCode};
use crate::learn::{SelfPlaySearch, TdParams};
use crate::search::MAX_TT_BYTES;

/// Transposition-table budget of each worker's searcher (self-play searches are shallow).
pub const DEFAULT_TRAIN_TT_BYTES: usize = 2 << 20;

#[derive(Clone, Debug, PartialEq)]
pub struct TrainOptions {
    /// Games to play in this batch (1..100,000,000).
    pub games: u64,
    /// Worker threads (1..256). With 1, the batch is fully deterministic.
    pub threads: usize,
    pub seed: u32,
    /// Exploration rate ε in [0, 1].
    pub epsilon: f64,
    pub search: SelfPlaySearch,
    pub learning: TdParams,
    /// Call the progress callback after every this many games (0 = never).
    pub progress_every_games: u64,
    /// Transposition-table bytes per worker.
    pub tt_bytes: usize,
    /// Keep the moves of every learned game whose number is a multiple of this (0 = none).
    pub record_every: u64,
    /// Test hook: game numbers whose play panics, to prove one failure does not poison a batch.
    #[cfg(test)]
    pub(crate) fail_games: Vec<u64>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            games: 1,
            threads: 1,
            seed: 1,
            epsilon: 0.1,
            search: SelfPlaySearch::default(),
            learning: TdParams::default(),
            progress_every_games: 100,
            tt_bytes: DEFAULT_TRAIN_TT_BYTES,
            record_every: 0,
            #[cfg(test)]
            fail_games: Vec::new(),
        }
    }
}

impl TrainOptions {
    pub fn validate(&self) -> EngineResult<()> {
        if !(1..=100_000_000).contains(&self.games) {
            return err(
                ErrorCode::InvalidOptions,
                format!("games is {}; expected 1..100000000", self.games),
            );
        }
        if !(1..=256).contains(&self.threads) {
            return err(
                ErrorCode::InvalidOptions,
                format!("threads is {}; expected 1..256", self.threads),
            );
        }
        if self.tt_bytes > MAX_TT_BYTES {
            return err(
                ErrorCode::InvalidOptions,
                format!(
                    "ttBytes is {}; expected at most {MAX_TT_BYTES} per thread",
                    self.tt_bytes
                ),
            );
        }
        crate::learn::check_range(self.epsilon, "epsilon", 0.0, true, 1.0, true)?;
        self.search.validate()?;
        self.learning.validate()
    }
}
