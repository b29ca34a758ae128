//! Work that runs off the JS thread, on libuv's pool, as napi `AsyncTask`s: searches, training
//! batches, perft. Each `compute` is wrapped in `boundary`, because a panic there would otherwise
//! unwind out of an `extern "C"` callback and abort Node.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use napi::bindgen_prelude::{Env, Task};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::Status;
use prismind_engine::{
    perft, train, Board, Model, Position, SearchLimits, SearchResult, TrainOptions, TrainProgress,
    TrainStats,
};

use crate::convert::{SearchResultJs, TrainProgressJs, TrainStatsJs};
use crate::core::{Core, Lease};
use crate::error::{boundary, Failure, Outcome, ENGINE_FAILURE};

/// The progress callback as it crosses threads: called without blocking (the queue is unbounded,
/// and a call the JS side cannot take any more is dropped, never waited for).
pub type ProgressTsfn = ThreadsafeFunction<TrainProgressJs, (), TrainProgressJs, Status, false>;

/// One search, the body shared by `search` (an AsyncTask) and `searchSync`: it ends early when
/// `stop` is raised (stopSearch, or dispose).
pub fn search_impl(
    core: &Core,
    model: &Model,
    position: &Position,
    limits: &SearchLimits,
    stop: &AtomicBool,
) -> Outcome<SearchResult> {
    let mut searcher = core.take_searcher();
    let result = searcher.search_with_stop(model, position, limits, Some(stop))?;
    core.return_searcher(searcher);
    Ok(result)
}

pub struct SearchTask {
    pub core: Arc<Core>,
    pub model: Arc<Model>,
    pub position: Position,
    pub limits: SearchLimits,
    /// The caller's id for stopSearch, if it gave one.
    pub id: Option<u32>,
    pub stop: Arc<AtomicBool>,
}

impl Task for SearchTask {
    type Output = SearchResult;
    type JsValue = SearchResultJs;

    fn compute(&mut self) -> napi::Result<SearchResult> {
        boundary("search", || {
            search_impl(
                &self.core,
                &self.model,
                &self.position,
                &self.limits,
                &self.stop,
            )
        })
    }

    /// Runs on the JS thread whatever the outcome, after `resolve` or `reject`.
    fn finally(self, _env: Env) -> napi::Result<()> {
        self.core.end_search(self.id);
        Ok(())
    }

    fn resolve(&mut self, _env: Env, output: SearchResult) -> napi::Result<SearchResultJs> {
        Ok(output.into())
    }
}

pub struct TrainTask {
    pub lease: Option<Lease>,
    pub options: TrainOptions,
    pub progress: Option<ProgressTsfn>,
}

impl TrainTask {
    fn run(&mut self) -> Outcome<TrainStats> {
        let Some(lease) = self.lease.as_mut() else {
            return Err(Failure::new(ENGINE_FAILURE, "the training task ran twice"));
        };
        let progress = self.progress.as_ref();
        let report = |p: &TrainProgress| {
            if let Some(tsfn) = progress {
                // NonBlocking on an unbounded queue never waits; if the JS side is shutting down
                // the call is refused and the report dropped, which is all we can do then.
                let _status = tsfn.call(p.into(), ThreadsafeFunctionCallMode::NonBlocking);
            }
        };
        let (model, stop) = lease.parts();
        Ok(train(model, &self.options, stop, &report)?)
    }
}

impl Task for TrainTask {
    type Output = TrainStats;
    type JsValue = TrainStatsJs;

    fn compute(&mut self) -> napi::Result<TrainStats> {
        let result = boundary("train", || self.run());
        // Hand the model back before the promise settles, so JS can use it at once; also drop
        // the progress function so the event loop is not held by it.
        self.lease = None;
        self.progress = None;
        result
    }

    fn resolve(&mut self, _env: Env, output: TrainStats) -> napi::Result<TrainStatsJs> {
        Ok(output.into())
    }
}

pub struct PerftTask {
    pub board: Board,
    pub depth: u32,
}

impl Task for PerftTask {
    type Output = u64;
    type JsValue = f64;

    fn compute(&mut self) -> napi::Result<u64> {
        boundary("perft", || Ok(perft(self.board, self.depth)))
    }

    fn resolve(&mut self, _env: Env, output: u64) -> napi::Result<f64> {
        Ok(output as f64)
    }
}

/// A task whose `compute` panics: proves that a panic off the JS thread rejects, not aborts.
pub struct PanicTask;

impl Task for PanicTask {
    type Output = ();
    type JsValue = ();

    fn compute(&mut self) -> napi::Result<()> {
        boundary("panicForTesting", || {
            panic!("deliberate panic (panicForTesting)")
        })
    }

    fn resolve(&mut self, _env: Env, _output: ()) -> napi::Result<()> {
        Ok(())
    }
}
