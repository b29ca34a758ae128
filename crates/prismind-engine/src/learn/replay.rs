//! `learn_from_game`: replay a recorded move list and apply exactly one TD(λ) update — the entry
//! point the cross-backend conformance suite drives (docs/engine-spec.md, "TD(λ) update").

use super::adam::Moments;
use super::gradient::Gradient;
use super::params::TdParams;
use super::selfplay::position_offsets;
use super::td::{position_values, td_update};
use crate::board::{square_name, Color, Position};
use crate::error::{err, EngineResult, ErrorCode};
use crate::eval::Model;

/// What one replayed game did to the model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LearnOutcome {
    /// Positions learned from (moves read).
    pub positions: usize,
    /// Black minus white, empties to the winner.
    pub final_score: i32,
    /// Weights reset by the NaN/Inf guard.
    pub resets: u64,
    /// The game's TD error: mean |E_k| over its positions, in discs.
    pub mean_abs_error: f64,
}

/// Replay `moves` (squares 0..63 from the start, passes implicit) and learn from the game.
/// The whole list is checked before anything changes.
pub fn learn_from_game(
    model: &mut Model,
    moves: &[i32],
    params: &TdParams,
) -> EngineResult<LearnOutcome> {
    params.validate()?;
    let stages = model.stages();
    let mut pos = Position::initial();
    let mut offsets = Vec::with_capacity(moves.len());
    for (i, &mv) in moves.iter().enumerate() {
        while pos.legal_moves() == 0 {
            if pos.is_game_over() {
                return err(
                    ErrorCode::IllegalMove,
                    format!("move {i} ({mv}) comes after the game ended; expected {i} moves",),
                );
            }
            pos = pos.pass();
        }
        let square = match u8::try_from(mv) {
            Ok(s) if s < 64 => s,
            _ => {
                return err(
                    ErrorCode::InvalidSquare,
                    format!("move {i} is {mv}; expected a square 0..63"),
                )
            }
        };
        if !pos.is_legal(usize::from(square)) {
            return err(
                ErrorCode::IllegalMove,
                format!(
                    "move {i} ({}) is illegal for {} to move; legal: {}",
                    square_name(square),
                    color_name(pos.side()),
                    pos.legal_move_list()
                        .iter()
                        .map(|&s| square_name(s))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            );
        }
        offsets.push(position_offsets(&pos, stages));
        pos = pos.play(usize::from(square));
    }
    if pos.must_pass() {
        pos = pos.pass();
    }
    if !pos.is_game_over() {
        return err(
            ErrorCode::IllegalMove,
            format!(
                "the game is not over after {} moves ({} to move has legal moves); expected a complete game",
                moves.len(),
                color_name(pos.side())
            ),
        );
    }
    let final_score = pos.final_score_black();
    let mut gradient = Gradient::default();
    gradient.prepare(&offsets);
    let values = position_values(model.weights(), &offsets);
    let (weights, adam_m, adam_v, counters) = model.parts_mut();
    let mut moments = Moments {
        adam_m,
        adam_v,
        counters,
    };
    let outcome = td_update(
        weights,
        &mut moments,
        &values,
        f64::from(final_score),
        params,
        &mut gradient,
    );
    moments.counters.games += 1;
    Ok(LearnOutcome {
        positions: offsets.len(),
        final_score,
        resets: outcome.resets,
        mean_abs_error: outcome.mean_abs_error,
    })
}

fn color_name(color: Color) -> &'static str {
    match color {
        Color::Black => "black",
        Color::White => "white",
    }
}
