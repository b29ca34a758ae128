//! One self-play game (docs/engine-spec.md, "Self-play game"): ε-greedy over the search's best move,
//! every decision drawn from the game's own generator, so a (seed, game number) pair is a game.

use std::sync::atomic::{AtomicBool, Ordering};

use super::params::SelfPlaySearch;
use super::td::PositionOffsets;
use crate::board::{squares, Position};
use crate::error::{EngineResult, ErrorCode};
use crate::eval::{stage_base, weight_offsets, Model, WeightTable};
use crate::features::Features;
use crate::rng::Rng;
use crate::search::Searcher;

/// A finished game: the positions where a move was chosen (before the move), the moves, and the
/// final score (black minus white, empties to the winner).
#[derive(Clone, Debug, PartialEq)]
pub struct GameRecord {
    pub positions: Vec<Position>,
    pub moves: Vec<u8>,
    pub final_score: i32,
}

/// A game with what the learner needs: each position's weight offsets.
pub struct Recorded {
    pub record: GameRecord,
    pub offsets: Vec<PositionOffsets>,
}

/// The offsets of a position's 46 weights under `stages` stages.
pub fn position_offsets(position: &Position, stages: u32) -> PositionOffsets {
    offsets_of(position, &Features::of(position), stages)
}

fn offsets_of(position: &Position, features: &Features, stages: u32) -> PositionOffsets {
    weight_offsets(features, stage_base(position.disc_count(), stages))
}

/// Play game number `game` of a run seeded `seed`. None when `stop` was raised (the game is
/// abandoned). The searcher's table is cleared first: the weights may have changed since its last use.
#[allow(clippy::too_many_arguments)]
pub fn play_game<W: WeightTable + ?Sized>(
    searcher: &mut Searcher,
    weights: &W,
    stages: u32,
    seed: u32,
    game: u64,
    epsilon: f64,
    search: &SelfPlaySearch,
    stop: Option<&AtomicBool>,
) -> Option<Recorded> {
    searcher.clear();
    let limits = search.limits();
    let mut rng = Rng::for_game(seed, game);
    let mut pos = Position::initial();
    // Kept up to date move by move (a pass changes no disc), instead of re-indexing every position.
    let mut features = Features::of(&pos);
    let mut record = GameRecord {
        positions: Vec::with_capacity(60),
        moves: Vec::with_capacity(60),
        final_score: 0,
    };
    let mut offsets = Vec::with_capacity(60);
    loop {
        let moves = pos.legal_moves();
        if moves == 0 {
            if pos.is_game_over() {
                break;
            }
            pos = pos.pass();
            continue;
        }
        if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
            return None;
        }
        record.positions.push(pos);
        offsets.push(offsets_of(&pos, &features, stages));
        let square = if rng.next_float() < epsilon {
            let count = moves.count_ones();
            let pick = rng.next_int(count) as usize;
            squares(moves).nth(pick).expect("pick < count")
        } else {
            let best = searcher
                .run_with_features(weights, stages, &pos, &features, &limits, stop)
                .best_move;
            u8::try_from(best).expect("a position with legal moves yields a move")
        };
        record.moves.push(square);
        let flipped = pos.board().flips(usize::from(square));
        features = features.after_move(pos.side(), usize::from(square), flipped);
        pos = pos.play(usize::from(square));
    }
    record.final_score = pos.final_score_black();
    Some(Recorded { record, offsets })
}

/// One self-play game with `model` (nothing is learned): for inspection and tests.
pub fn self_play_game(
    model: &Model,
    seed: u32,
    game: u64,
    epsilon: f64,
    search: &SelfPlaySearch,
) -> EngineResult<GameRecord> {
    super::params::check(epsilon, "epsilon", 0.0, true, 1.0, true)?;
    search.validate()?;
    let mut searcher = Searcher::new(1 << 20);
    let played = play_game(
        &mut searcher,
        model.weights(),
        model.stages(),
        seed,
        game,
        epsilon,
        search,
        None,
    );
    match played {
        Some(recorded) => Ok(recorded.record),
        None => crate::error::err(ErrorCode::InvalidOptions, "unreachable: no stop flag"),
    }
}
