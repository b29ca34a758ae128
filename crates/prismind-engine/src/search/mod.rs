//! Search (docs/engine-spec.md, "Search"): iterative-deepening negamax alpha-beta over the model's
//! evaluation, and an exact endgame solver, both with transposition tables of bounded size.

mod context;
mod endgame;
mod limits;
mod midgame;
mod node;
mod root;
mod stability;
#[cfg(test)]
mod tests;
mod tt;

pub use limits::{SearchLimits, SearchResult, MAX_DEPTH, MAX_TIME_MS};

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use crate::board::Position;
use crate::error::EngineResult;
use crate::eval::{Model, WeightTable};
use crate::features::Features;
use context::Context;
use root::Root;
use tt::{EndEntry, MidEntry, Table};

/// Default transposition-table budget of a `Searcher`: half midgame, half endgame.
pub const DEFAULT_TT_BYTES: usize = 8 << 20;
/// Larger budgets are clamped to this (an absurd request must not abort the process).
pub const MAX_TT_BYTES: usize = 1 << 30;

/// A reusable searcher: owns the transposition tables (allocated once, cleared in O(1)).
pub struct Searcher {
    mid: Table<MidEntry>,
    /// Allocated on the first exact solve: most searches never need it.
    end: Option<Table<EndEntry>>,
    end_bytes: usize,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher::new(DEFAULT_TT_BYTES)
    }
}

impl Searcher {
    /// Tables within `tt_bytes` in all (each a power of two of entries; at most MAX_TT_BYTES).
    pub fn new(tt_bytes: usize) -> Searcher {
        let tt_bytes = tt_bytes.min(MAX_TT_BYTES);
        Searcher {
            mid: Table::with_bytes(tt_bytes / 2),
            end: None,
            end_bytes: tt_bytes / 2,
        }
    }

    /// Bytes held by the tables allocated so far.
    pub fn memory_bytes(&self) -> usize {
        self.mid.bytes() + self.end.as_ref().map_or(0, Table::bytes)
    }

    /// Forget all stored positions (required when the weights change; O(1)).
    pub fn clear(&mut self) {
        self.mid.clear();
        if let Some(end) = &mut self.end {
            end.clear();
        }
    }

    /// Search `position` with `model`. Starts from a cleared table, so the result never depends
    /// on earlier calls or on weights changed in between.
    pub fn search(
        &mut self,
        model: &Model,
        position: &Position,
        limits: &SearchLimits,
    ) -> EngineResult<SearchResult> {
        self.search_with_stop(model, position, limits, None)
    }

    /// As `search`, also stopping when `stop` becomes true (the result of the last completed
    /// iteration is returned, as for a time limit).
    pub fn search_with_stop(
        &mut self,
        model: &Model,
        position: &Position,
        limits: &SearchLimits,
        stop: Option<&AtomicBool>,
    ) -> EngineResult<SearchResult> {
        limits.validate()?;
        self.clear();
        Ok(self.run(model.weights(), model.stages(), position, limits, stop))
    }

    /// The search itself, on any weight table; limits already validated, table not cleared.
    pub(crate) fn run<W: WeightTable + ?Sized>(
        &mut self,
        weights: &W,
        stages: u32,
        position: &Position,
        limits: &SearchLimits,
        stop: Option<&AtomicBool>,
    ) -> SearchResult {
        let features = Features::of(position);
        self.run_with_features(weights, stages, position, &features, limits, stop)
    }

    /// As `run`, with the position's feature indices already known (self-play keeps them
    /// up to date move by move).
    pub(crate) fn run_with_features<W: WeightTable + ?Sized>(
        &mut self,
        weights: &W,
        stages: u32,
        position: &Position,
        features: &Features,
        limits: &SearchLimits,
        stop: Option<&AtomicBool>,
    ) -> SearchResult {
        debug_assert_eq!(*features, Features::of(position));
        let start = Instant::now();
        // checked_add: a deadline beyond what Instant can hold means no deadline.
        let deadline = limits
            .time_ms
            .and_then(|ms| start.checked_add(Duration::from_millis(ms)));
        let mut ctx = Context::new(weights, stages, limits.nodes, deadline, stop);
        let mut root = Root {
            mid: &mut self.mid,
            end: &mut self.end,
            end_bytes: self.end_bytes,
        };
        let mut result = root.search(&mut ctx, position, features, limits);
        // A zero score is reported as +0 (docs/engine-spec.md): negations leave -0 behind.
        result.score += 0.0;
        result.nodes = ctx.nodes;
        result.time_ms = start.elapsed().as_secs_f64() * 1000.0;
        result
    }
}

/// One search with a fresh default searcher (allocates its tables; reuse a `Searcher` in loops).
pub fn search(
    model: &Model,
    position: &Position,
    limits: &SearchLimits,
) -> EngineResult<SearchResult> {
    Searcher::default().search(model, position, limits)
}
