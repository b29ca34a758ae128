//! Prismind's Othello engine, pure Rust: bitboard rules, pattern evaluation, alpha-beta search with
//! an exact endgame solver, and TD(λ) self-play training. docs/engine-spec.md is the contract; the
//! TypeScript engine implements the same page bit for bit.

mod board;
mod error;
mod perft;
mod rng;

pub use board::{
    flips, legal_moves, square_name, squares, symmetry_bits, symmetry_square, Board, Color,
    Position,
};
pub use error::{EngineError, EngineResult, ErrorCode};
pub use perft::perft;
pub use rng::{splitmix32, Rng};
