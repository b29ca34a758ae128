//! Helpers shared by the unit tests: reproducible random positions and models.

use crate::board::Position;
use crate::eval::Model;
use crate::rng::Rng;

/// Play `plies` uniformly random moves from the start (passes are free); stops at game over.
pub fn random_position(seed: u32, plies: usize) -> Position {
    let mut rng = Rng::for_game(seed, 12345);
    let mut pos = Position::initial();
    let mut played = 0;
    while played < plies && !pos.is_game_over() {
        if pos.must_pass() {
            pos = pos.pass();
            continue;
        }
        let moves = pos.legal_move_list();
        pos = pos.play(usize::from(
            moves[rng.next_int(moves.len() as u32) as usize],
        ));
        played += 1;
    }
    pos
}

/// A position with about `empties` empties left, with the side to move having a move.
pub fn position_with_empties(seed: u32, empties: u32) -> Position {
    for attempt in 0.. {
        let pos = random_position(
            seed.wrapping_mul(1000).wrapping_add(attempt),
            60 - empties as usize,
        );
        if pos.empty_count() == empties && pos.legal_moves() != 0 {
            return pos;
        }
    }
    unreachable!()
}

/// A model with weights uniform in (-scale, scale).
pub fn random_model(seed: u32, stages: u32, scale: f64) -> Model {
    let mut model = Model::new(stages).unwrap();
    let mut rng = Rng::for_game(seed, 777);
    for w in model.weights_mut() {
        *w = ((rng.next_float() * 2.0 - 1.0) * scale) as f32;
    }
    model
}
