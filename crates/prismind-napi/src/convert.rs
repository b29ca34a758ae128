//! The binding's own JS-facing structs and their conversions into and out of engine types. JS
//! numbers arrive as f64 and are checked here (integer, range) rather than truncated by napi: a
//! caller that bypasses the TypeScript wrapper still gets a coded error, never a silent guess.

use napi::bindgen_prelude::Float32Array;
use napi_derive::napi;
use prismind_engine::{
    EngineError, ErrorCode, GameFailure, LearnOutcome, ModelCounters, SampledGame, SearchLimits,
    SearchResult, SelfPlaySearch, TdParams, TrainOptions, TrainProgress, TrainStats,
};

/// Search limits as the TypeScript side sends them (already validated there by zod).
#[napi(object)]
pub struct SearchLimitsJs {
    pub depth: Option<f64>,
    pub time_ms: Option<f64>,
    pub nodes: Option<f64>,
    pub exact_empties: Option<f64>,
}

impl TryFrom<&SearchLimitsJs> for SearchLimits {
    type Error = EngineError;

    fn try_from(js: &SearchLimitsJs) -> Result<Self, Self::Error> {
        let code = ErrorCode::InvalidLimits;
        let limits = SearchLimits {
            depth: js
                .depth
                .map(|d| whole(d, "depth", code).map(|d| d as u32))
                .transpose()?,
            time_ms: js.time_ms.map(|t| whole(t, "timeMs", code)).transpose()?,
            nodes: js.nodes.map(|n| whole(n, "nodes", code)).transpose()?,
            exact_empties: js
                .exact_empties
                .map(|e| whole(e, "exactEmpties", code).map(|e| e as u32))
                .transpose()?
                .unwrap_or(0),
        };
        limits.validate()?;
        Ok(limits)
    }
}

/// A non-negative integer that a JS number holds exactly (at most 2^53 - 1).
fn whole(value: f64, name: &str, code: ErrorCode) -> Result<u64, EngineError> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if value.fract() == 0.0 && (0.0..=MAX_SAFE).contains(&value) {
        Ok(value as u64)
    } else {
        Err(EngineError::new(
            code,
            format!("{name} is {value}; expected a non-negative integer"),
        ))
    }
}

fn small(value: f64, name: &str, code: ErrorCode) -> Result<u32, EngineError> {
    let v = whole(value, name, code)?;
    u32::try_from(v).map_err(|_| {
        EngineError::new(
            code,
            format!("{name} is {value}; expected at most 4294967295"),
        )
    })
}

#[napi(object)]
pub struct SearchResultJs {
    #[napi(js_name = "move")]
    pub best_move: i32,
    pub score: f64,
    pub depth: u32,
    pub nodes: f64,
    pub time_ms: f64,
    pub exact: bool,
    pub pv: Vec<u32>,
}

impl From<SearchResult> for SearchResultJs {
    fn from(r: SearchResult) -> Self {
        SearchResultJs {
            best_move: r.best_move,
            score: r.score,
            depth: r.depth,
            nodes: r.nodes as f64,
            time_ms: r.time_ms,
            exact: r.exact,
            pv: r.pv.into_iter().map(u32::from).collect(),
        }
    }
}

#[napi(object)]
pub struct LearningParamsJs {
    pub lambda: f64,
    pub learning_rate: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub adam_epsilon: f64,
}

impl TryFrom<&LearningParamsJs> for TdParams {
    type Error = EngineError;

    fn try_from(js: &LearningParamsJs) -> Result<Self, Self::Error> {
        let params = TdParams {
            lambda: js.lambda,
            learning_rate: js.learning_rate,
            beta1: js.beta1,
            beta2: js.beta2,
            adam_epsilon: js.adam_epsilon,
        };
        params.validate()?;
        Ok(params)
    }
}

#[napi(object)]
pub struct SelfPlaySearchJs {
    pub depth: f64,
    pub time_ms: Option<f64>,
    pub exact_empties: f64,
}

/// A training batch's options, every default already filled in by the TypeScript side.
#[napi(object)]
pub struct TrainOptionsJs {
    pub games: f64,
    pub threads: f64,
    pub seed: f64,
    pub epsilon: f64,
    pub search: SelfPlaySearchJs,
    pub learning: LearningParamsJs,
    pub progress_every_games: f64,
    pub record_every: f64,
}

/// The options plus the engine's per-worker transposition-table budget.
pub struct TrainRequest<'a> {
    pub options: &'a TrainOptionsJs,
    pub tt_bytes: usize,
}

impl TryFrom<TrainRequest<'_>> for TrainOptions {
    type Error = EngineError;

    fn try_from(request: TrainRequest<'_>) -> Result<Self, Self::Error> {
        let js = request.options;
        let code = ErrorCode::InvalidOptions;
        let options = TrainOptions {
            games: whole(js.games, "games", code)?,
            threads: small(js.threads, "threads", code)? as usize,
            seed: small(js.seed, "seed", code)?,
            epsilon: js.epsilon,
            search: SelfPlaySearch {
                depth: small(js.search.depth, "search.depth", code)?,
                time_ms: js
                    .search
                    .time_ms
                    .map(|t| whole(t, "search.timeMs", code))
                    .transpose()?,
                exact_empties: small(js.search.exact_empties, "search.exactEmpties", code)?,
            },
            learning: TdParams::try_from(&js.learning)?,
            progress_every_games: whole(js.progress_every_games, "progressEveryGames", code)?,
            tt_bytes: request.tt_bytes,
            record_every: whole(js.record_every, "recordEvery", code)?,
        };
        options.validate()?;
        Ok(options)
    }
}

#[napi(object)]
#[derive(Clone)]
pub struct TrainProgressJs {
    pub games_done: f64,
    pub games_target: f64,
    pub black_wins: f64,
    pub white_wins: f64,
    pub draws: f64,
    pub avg_disc_diff: f64,
    pub elapsed_ms: f64,
}

impl From<&TrainProgress> for TrainProgressJs {
    fn from(p: &TrainProgress) -> Self {
        TrainProgressJs {
            games_done: p.games_done as f64,
            games_target: p.games_target as f64,
            black_wins: p.black_wins as f64,
            white_wins: p.white_wins as f64,
            draws: p.draws as f64,
            avg_disc_diff: p.avg_disc_diff,
            elapsed_ms: p.elapsed_ms,
        }
    }
}

#[napi(object)]
pub struct GameFailureJs {
    pub game: f64,
    pub kind: String,
    pub message: String,
}

impl From<GameFailure> for GameFailureJs {
    fn from(f: GameFailure) -> Self {
        GameFailureJs {
            game: f.game as f64,
            kind: f.kind,
            message: f.message,
        }
    }
}

#[napi(object)]
pub struct TrainStatsJs {
    pub games_completed: f64,
    pub black_wins: f64,
    pub white_wins: f64,
    pub draws: f64,
    pub avg_disc_diff: f64,
    pub avg_abs_disc_diff: f64,
    /// Mean over the completed games of each game's mean |λ-return error|, in discs.
    pub avg_td_error: f64,
    pub moves_played: f64,
    pub resets: f64,
    /// Failed games, all of them (`failures` lists at most the first 100).
    pub errors: f64,
    pub failures: Vec<GameFailureJs>,
    pub seconds: f64,
    /// Seconds spent applying updates under the learner's lock, all threads together.
    pub update_seconds: f64,
    pub stopped: bool,
    pub sampled_games: Vec<SampledGameJs>,
}

#[napi(object)]
pub struct SampledGameJs {
    pub game: f64,
    pub moves: Vec<u32>,
    pub final_score: i32,
}

impl From<SampledGame> for SampledGameJs {
    fn from(g: SampledGame) -> Self {
        SampledGameJs {
            game: g.game as f64,
            moves: g.moves.into_iter().map(u32::from).collect(),
            final_score: g.final_score,
        }
    }
}

impl From<TrainStats> for TrainStatsJs {
    fn from(s: TrainStats) -> Self {
        TrainStatsJs {
            games_completed: s.games_completed as f64,
            black_wins: s.black_wins as f64,
            white_wins: s.white_wins as f64,
            draws: s.draws as f64,
            avg_disc_diff: s.avg_disc_diff,
            avg_abs_disc_diff: s.avg_abs_disc_diff,
            avg_td_error: s.avg_td_error,
            moves_played: s.moves_played as f64,
            resets: s.resets as f64,
            errors: s.errors as f64,
            failures: s.failures.into_iter().map(GameFailureJs::from).collect(),
            seconds: s.seconds,
            update_seconds: s.update_seconds,
            stopped: s.stopped,
            sampled_games: s
                .sampled_games
                .into_iter()
                .map(SampledGameJs::from)
                .collect(),
        }
    }
}

#[napi(object)]
pub struct LearnOutcomeJs {
    pub positions: u32,
    pub final_score: i32,
    pub resets: f64,
}

impl From<LearnOutcome> for LearnOutcomeJs {
    fn from(o: LearnOutcome) -> Self {
        LearnOutcomeJs {
            positions: o.positions as u32,
            final_score: o.final_score,
            resets: o.resets as f64,
        }
    }
}

/// The scalar half of a model state; the arrays travel as separate typed-array arguments.
#[napi(object)]
pub struct StateMetaJs {
    pub pattern_set: String,
    pub stages: f64,
    pub step: f64,
    pub beta1_power: f64,
    pub beta2_power: f64,
    pub games: f64,
}

/// Stages and counters, checked as numbers here; the engine checks their ranges and the arrays.
pub struct StateMeta {
    pub stages: u32,
    pub counters: ModelCounters,
}

impl TryFrom<&StateMetaJs> for StateMeta {
    type Error = EngineError;

    fn try_from(js: &StateMetaJs) -> Result<Self, Self::Error> {
        let code = ErrorCode::InvalidState;
        Ok(StateMeta {
            stages: small(js.stages, "stages", code)?,
            counters: ModelCounters {
                step: whole(js.step, "step", code)?,
                beta1_power: js.beta1_power,
                beta2_power: js.beta2_power,
                games: whole(js.games, "games", code)?,
            },
        })
    }
}

/// A whole model state: each array is a copy of the model's (one memcpy), owned by JavaScript.
#[napi(object)]
pub struct StateJs {
    pub pattern_set: String,
    pub stages: u32,
    pub weights: Float32Array,
    pub adam_m: Float32Array,
    pub adam_v: Float32Array,
    pub step: f64,
    pub beta1_power: f64,
    pub beta2_power: f64,
    pub games: f64,
}

#[cfg(test)]
mod tests;
