//! What the exact-solver tests share: reading OBF-style position lines and square names, and one
//! exact solve.

use prismind_engine::{Color, Model, Position, SearchLimits, SearchResult, Searcher};

/// Transposition tables for the 20..26-empty solves: the default 8 MiB would thrash.
const SOLVER_TT_BYTES: usize = 64 << 20;

/// A position from 64 squares a1..h8 ('X' black, 'O' white, '-' empty) and 'X' or 'O' to move.
pub fn parse_position(board: &str, side: &str) -> Position {
    assert_eq!(
        board.len(),
        64,
        "board {board:?} has {} squares; expected 64",
        board.len()
    );
    let (mut black, mut white) = (0u64, 0u64);
    for (square, ch) in board.chars().enumerate() {
        match ch {
            'X' => black |= 1 << square,
            'O' => white |= 1 << square,
            '-' => {}
            other => panic!("square {square} of {board:?} is {other:?}; expected X, O or -"),
        }
    }
    let side = match side {
        "X" => Color::Black,
        "O" => Color::White,
        other => panic!("side to move is {other:?}; expected X or O"),
    };
    Position::from_colors(black, white, side)
}

/// "a1".."h8" (either case) to 0..63.
pub fn parse_square(name: &str) -> u8 {
    let bytes = name.trim().to_ascii_lowercase().into_bytes();
    match bytes.as_slice() {
        [col @ b'a'..=b'h', row @ b'1'..=b'8'] => (col - b'a') + 8 * (row - b'1'),
        _ => panic!("square {name:?} is not a1..h8"),
    }
}

/// "a1,b2" to squares.
pub fn parse_squares(list: &str) -> Vec<u8> {
    list.split(',').map(parse_square).collect()
}

/// The exact solve of `position` with a zero model (the result must not depend on the weights).
pub fn solve(searcher: &mut Searcher, position: &Position) -> SearchResult {
    let model = Model::new(1).expect("one stage is valid");
    let limits = SearchLimits::depth(1).with_exact_empties(position.empty_count());
    let result = searcher
        .search(&model, position, &limits)
        .expect("valid limits");
    assert!(result.exact, "an unlimited solve is exact");
    result
}

pub fn solver() -> Searcher {
    Searcher::new(SOLVER_TT_BYTES)
}
