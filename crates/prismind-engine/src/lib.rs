//! Prismind's Othello engine, pure Rust: bitboard rules, pattern evaluation, alpha-beta search with
//! an exact endgame solver, and TD(λ) self-play training. docs/engine-spec.md is the contract; the
//! TypeScript engine implements the same page bit for bit.

mod board;
mod error;
mod eval;
mod features;
mod learn;
mod patterns;
mod perft;
mod rng;
mod search;
#[cfg(test)]
mod test_support;
mod train;

pub use board::{
    flips, legal_moves, square_name, squares, symmetry_bits, symmetry_square, Board, Color,
    Position,
};
pub use error::{EngineError, EngineResult, ErrorCode};
pub use eval::{
    evaluate, reference_sign, referenced_offset, Model, ModelCounters, ModelState, ModelStateRef,
    DEFAULT_STAGES, MAX_STAGES,
};
pub use features::{feature_indices, Features};
pub use learn::{
    learn_from_game, self_play_game, GameRecord, LearnOutcome, SelfPlaySearch, TdParams,
};
pub use patterns::{
    canonical_offsets, stage_of, Feature, Shape, FEATURES, FEATURE_COUNT, PATTERN_SET, SHAPES,
    SHAPE_COUNT, SHAPE_OFFSETS, WEIGHTS_PER_STAGE,
};
pub use perft::perft;
pub use rng::{splitmix32, Rng};
pub use search::{
    search, SearchLimits, SearchResult, Searcher, DEFAULT_TT_BYTES, MAX_DEPTH, MAX_TIME_MS,
    MAX_TT_BYTES,
};
pub use train::{
    train, GameFailure, ProgressFn, SampledGame, TrainOptions, TrainProgress, TrainStats,
    DEFAULT_TRAIN_TT_BYTES,
};
