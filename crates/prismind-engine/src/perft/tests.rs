use super::*;
use crate::board::Position;

/// Published counts for the standard start, depths 1..11.
pub const PERFT_COUNTS: [u64; 11] = [
    4, 12, 56, 244, 1396, 8200, 55092, 390216, 3005288, 24571284, 212258800,
];

#[test]
fn perft_depths_1_to_9() {
    let start = Position::initial().board();
    for depth in 1..=9 {
        assert_eq!(
            perft(start, depth),
            PERFT_COUNTS[depth as usize - 1],
            "depth {depth}"
        );
    }
}

#[test]
fn perft_counts_a_finished_game_as_one_leaf() {
    // A full board: the game is over, one leaf at any depth.
    let full = Board::new(u64::MAX >> 32, u64::MAX << 32);
    assert_eq!(perft(full, 5), 1);
}

#[test]
fn perft_depths_10_and_11() {
    let start = Position::initial().board();
    let t = std::time::Instant::now();
    assert_eq!(perft(start, 10), PERFT_COUNTS[9]);
    assert_eq!(perft(start, 11), PERFT_COUNTS[10]);
    eprintln!("perft 10+11: {:?}", t.elapsed());
}
