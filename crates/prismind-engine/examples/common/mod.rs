//! What the examples share: seeded games played down to a number of empties.

use prismind_engine::{Position, Rng};

/// Plays from the start position, each move chosen by `choose` (passes are forced), until
/// `empties` squares are empty. None when the game ends first or the side to move there must pass:
/// such a root is no test of move choice or search.
pub fn play_to_empties(empties: u32, mut choose: impl FnMut(&Position) -> u8) -> Option<Position> {
    let mut pos = Position::initial();
    while pos.empty_count() > empties {
        if pos.is_game_over() {
            return None;
        }
        if pos.must_pass() {
            pos = pos.pass();
            continue;
        }
        pos = pos.play(usize::from(choose(&pos)));
    }
    (pos.legal_moves() != 0).then_some(pos)
}

/// A uniformly random legal move (the position must have one).
pub fn random_move(pos: &Position, rng: &mut Rng) -> u8 {
    let moves = pos.legal_move_list();
    moves[rng.next_int(moves.len() as u32) as usize]
}
