//! `NativeEngine`, the class JavaScript sees: one engine model plus the tasks that use it. Inputs
//! are validated twice on purpose: the TypeScript wrapper validates with the contract's schemas
//! (so both backends reject bad input with the same codes and messages), and the engine validates
//! again here, so a caller of the raw binding still gets a coded error, never a wrong answer.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use napi::bindgen_prelude::{
    AsyncTask, Float32Array, Float32ArraySlice, Float64Array, Float64ArraySlice, Uint32Array,
    Uint8ArraySlice,
};
use napi::threadsafe_function::ThreadsafeFunction;
use napi::Status;
use napi_derive::napi;
use prismind_engine::{
    learn_from_game, EngineError, ErrorCode, Features, Model, ModelState, ModelStateRef, Position,
    SearchLimits, TdParams, TrainOptions, PATTERN_SET,
};

use crate::convert::{
    LearnOutcomeJs, LearningParamsJs, SearchLimitsJs, SearchResultJs, StateJs, StateMeta,
    StateMetaJs, TrainOptionsJs, TrainProgressJs, TrainRequest,
};
use crate::core::Core;
use crate::error::{boundary, Outcome};
use crate::tasks::{search_impl, SearchTask, TrainTask};

#[napi]
pub struct NativeEngine {
    core: Arc<Core>,
}

#[napi]
impl NativeEngine {
    /// A fresh model (all zeros) with `stages` stages; searches use `ttBytes` of transposition table.
    #[napi(constructor)]
    pub fn new(stages: u32, tt_bytes: f64) -> napi::Result<Self> {
        boundary("new NativeEngine", || {
            let model = Model::new(stages)?;
            let tt_bytes = if tt_bytes.is_finite() && tt_bytes >= 64.0 {
                tt_bytes.min(prismind_engine::MAX_TT_BYTES as f64) as usize
            } else {
                prismind_engine::DEFAULT_TT_BYTES
            };
            Ok(NativeEngine {
                core: Arc::new(Core::new(model, tt_bytes)),
            })
        })
    }

    /// The model's stage count.
    #[napi]
    pub fn stages(&self) -> napi::Result<u32> {
        Ok(self.core.read("read the stage count", Model::stages)?)
    }

    /// Static evaluation in discs, black's view.
    #[napi]
    pub fn evaluate(&self, cells: Uint8ArraySlice, player: u32) -> napi::Result<f64> {
        boundary("evaluate", || {
            let position = position(&cells, player)?;
            self.core
                .read("evaluate", |model| model.evaluate(&position))
        })
    }

    /// Many evaluations in one call: `cells` holds 64 cells per position, `players` one player each.
    #[napi]
    pub fn evaluate_batch(
        &self,
        cells: Uint8ArraySlice,
        players: Uint8ArraySlice,
    ) -> napi::Result<Float64Array> {
        boundary("evaluateBatch", || {
            if cells.len() != 64 * players.len() {
                return Err(EngineError::new(
                    ErrorCode::InvalidBoard,
                    format!(
                        "cells has {} values for {} players; expected 64 per position",
                        cells.len(),
                        players.len()
                    ),
                )
                .into());
            }
            let positions = cells
                .chunks_exact(64)
                .zip(players.iter())
                .map(|(c, &p)| Position::from_cells(c, p))
                .collect::<Result<Vec<_>, _>>()?;
            self.core.read("evaluate", |model| {
                Float64Array::new(positions.iter().map(|p| model.evaluate(p)).collect())
            })
        })
    }

    /// The 46 feature indices (base 3) in feature order.
    #[napi]
    pub fn feature_indices(&self, cells: Uint8ArraySlice) -> napi::Result<Uint32Array> {
        boundary("featureIndices", || {
            let position = position(&cells, 1)?;
            let features = Features::of(&position);
            Ok(Uint32Array::new(
                features.indices.iter().map(|&i| u32::from(i)).collect(),
            ))
        })
    }

    /// One weight by shape (0..10), stage and base-3 index.
    #[napi]
    pub fn get_weight(&self, shape: u32, stage: u32, index: u32) -> napi::Result<f64> {
        boundary("getWeight", || {
            let weight = self
                .core
                .read("getWeight", |model| model.get_weight(shape, stage, index))??;
            Ok(f64::from(weight))
        })
    }

    /// Best move under the limits, searched on libuv's thread pool. `searchId` (chosen by the
    /// caller, unique among its searches in flight) lets `stopSearch` end it early; `stopped`
    /// starts it stopped already (an aborted signal: a stop raised after the call could come
    /// after the task has started, so the result would depend on timing).
    #[napi(ts_return_type = "Promise<SearchResultJs>")]
    pub fn search(
        &self,
        cells: Uint8ArraySlice,
        player: u32,
        limits: SearchLimitsJs,
        search_id: Option<u32>,
        stopped: Option<bool>,
    ) -> napi::Result<AsyncTask<SearchTask>> {
        boundary("search", || {
            let position = position(&cells, player)?;
            let limits = SearchLimits::try_from(&limits)?;
            let model = self.core.snapshot("search")?;
            Ok(AsyncTask::new(SearchTask {
                core: Arc::clone(&self.core),
                model,
                position,
                limits,
                id: search_id,
                stop: self.core.begin_search(search_id, stopped.unwrap_or(false)),
            }))
        })
    }

    /// Stop the search started with `searchId`: it settles promptly with the last completed
    /// iteration (docs/engine-spec.md, "Stopping a search"). A finished or unknown id is ignored.
    #[napi]
    pub fn stop_search(&self, search_id: u32) {
        self.core.stop_search(search_id);
    }

    /// The same search on the calling thread (benchmarks, scripts that want no promise).
    #[napi]
    pub fn search_sync(
        &self,
        cells: Uint8ArraySlice,
        player: u32,
        limits: SearchLimitsJs,
    ) -> napi::Result<SearchResultJs> {
        boundary("searchSync", || {
            let position = position(&cells, player)?;
            let limits = SearchLimits::try_from(&limits)?;
            let model = self.core.snapshot("search")?;
            let stop = self.core.begin_search(None, false);
            Ok(search_impl(&self.core, &model, &position, &limits, &stop)?.into())
        })
    }

    /// A self-play training batch on the engine's worker threads; progress arrives through
    /// `onProgress` (called on the JS thread, never awaited; it must not throw). One batch at a
    /// time. (The parameter's type is spelled out, not aliased: the .d.ts generator reads it.)
    #[napi(ts_return_type = "Promise<TrainStatsJs>")]
    pub fn train(
        &self,
        options: TrainOptionsJs,
        on_progress: Option<
            ThreadsafeFunction<TrainProgressJs, (), TrainProgressJs, Status, false>,
        >,
    ) -> napi::Result<AsyncTask<TrainTask>> {
        boundary("train", || {
            let options = TrainOptions::try_from(TrainRequest {
                options: &options,
                tt_bytes: self
                    .core
                    .tt_bytes
                    .min(prismind_engine::DEFAULT_TRAIN_TT_BYTES),
            })?;
            let lease = self.core.lease()?;
            Ok(AsyncTask::new(TrainTask {
                lease: Some(lease),
                options,
                progress: on_progress,
            }))
        })
    }

    /// Ask the running batch to stop: games in flight are abandoned, the batch settles promptly.
    #[napi]
    pub fn request_stop(&self) {
        self.core.stop.store(true, Ordering::SeqCst);
    }

    #[napi]
    pub fn is_training(&self) -> bool {
        self.core.is_training()
    }

    /// Replay a complete recorded game (squares, passes implicit) and apply one TD(λ) update.
    #[napi]
    pub fn learn_from_game(
        &self,
        moves: Float64ArraySlice,
        params: LearningParamsJs,
    ) -> napi::Result<LearnOutcomeJs> {
        boundary("learnFromGame", || {
            let params = TdParams::try_from(&params)?;
            let squares = Squares::from_numbers(&moves);
            let learned = self.core.write("learnFromGame", |model| {
                learn_from_game(model, &squares.values, &params)
            })?;
            Ok(learned.map_err(|e| squares.explain(e))?.into())
        })
    }

    /// A copy of the whole model: each array one memcpy into memory JavaScript then owns.
    #[napi]
    pub fn get_state(&self) -> napi::Result<StateJs> {
        boundary("getState", || {
            self.core.read("getState", |model| {
                let counters = model.counters();
                StateJs {
                    pattern_set: PATTERN_SET.to_string(),
                    stages: model.stages(),
                    weights: Float32Array::new(model.weights().to_vec()),
                    adam_m: Float32Array::new(model.adam_m().to_vec()),
                    adam_v: Float32Array::new(model.adam_v().to_vec()),
                    step: counters.step as f64,
                    beta1_power: counters.beta1_power,
                    beta2_power: counters.beta2_power,
                    games: counters.games as f64,
                }
            })
        })
    }

    /// Replace the model, copying each array from JavaScript's memory in one go. Everything is
    /// checked first; on error the model is unchanged.
    #[napi]
    pub fn set_state(
        &self,
        meta: StateMetaJs,
        weights: Float32ArraySlice,
        adam_m: Float32ArraySlice,
        adam_v: Float32ArraySlice,
    ) -> napi::Result<()> {
        boundary("setState", || {
            let StateMeta { stages, counters } = StateMeta::try_from(&meta)?;
            let state = ModelStateRef {
                pattern_set: &meta.pattern_set,
                stages,
                weights: &weights,
                adam_m: &adam_m,
                adam_v: &adam_v,
                counters,
            };
            self.core.replace(
                "setState",
                |model| model.load_state(state),
                || {
                    Model::from_state(ModelState {
                        pattern_set: meta.pattern_set.clone(),
                        stages,
                        weights: weights.to_vec(),
                        adam_m: adam_m.to_vec(),
                        adam_v: adam_v.to_vec(),
                        counters,
                    })
                },
            )??;
            Ok(())
        })
    }

    /// Free the model (at once, or when a running batch ends) and end searches in flight; every
    /// later call fails with ENGINE_DISPOSED.
    #[napi]
    pub fn dispose(&self) {
        self.core.dispose();
    }
}

/// A position from validated-looking input; the engine checks it again in full.
fn position(cells: &[u8], player: u32) -> Outcome<Position> {
    let player = u8::try_from(player).unwrap_or(u8::MAX);
    Ok(Position::from_cells(cells, player)?)
}

/// A move list from JS numbers. Values that are not integers (NaN, 1.5, 1e12) cannot reach the
/// engine as i32; they become a sentinel out of 0..63, which the engine rejects in game order as
/// it would any bad square, and `explain` puts the real value back into the message.
struct Squares {
    values: Vec<i32>,
    first_odd: Option<(usize, f64)>,
}

const SENTINEL: i32 = i32::MIN;

impl Squares {
    fn from_numbers(numbers: &[f64]) -> Squares {
        let mut first_odd = None;
        let values = numbers
            .iter()
            .enumerate()
            .map(|(i, &x)| {
                if x.fract() == 0.0 && x >= f64::from(i32::MIN + 1) && x <= f64::from(i32::MAX) {
                    x as i32
                } else {
                    first_odd.get_or_insert((i, x));
                    SENTINEL
                }
            })
            .collect();
        Squares { values, first_odd }
    }

    fn explain(&self, error: EngineError) -> EngineError {
        match self.first_odd {
            Some((i, x))
                if error.code() == ErrorCode::InvalidSquare
                    && error
                        .message()
                        .starts_with(&format!("move {i} is {SENTINEL};")) =>
            {
                EngineError::new(
                    ErrorCode::InvalidSquare,
                    format!("move {i} is {}; expected a square 0..63", js_number(x)),
                )
            }
            _ => error,
        }
    }
}

/// A number as JavaScript's String() writes the common cases.
fn js_number(x: f64) -> String {
    if x.is_nan() {
        "NaN".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else {
        x.to_string()
    }
}

#[cfg(test)]
mod tests;
