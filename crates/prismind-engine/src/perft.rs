//! Perft: the number of move sequences of a given length, the standard check of move generation.
//! Convention: a forced pass is a ply, a finished game is a leaf (counted once, at whatever ply it
//! ends). The last ply is bulk-counted: the leaves under a node at depth 1 are its legal moves.

use crate::board::{squares, Board};

/// Leaves at `depth` plies from `board` (player to move first).
pub fn perft(board: Board, depth: u32) -> u64 {
    if depth == 0 {
        return 1;
    }
    let moves = board.legal_moves();
    if moves == 0 {
        return if board.is_game_over() {
            1
        } else {
            perft(board.pass(), depth - 1)
        };
    }
    if depth == 1 {
        return u64::from(moves.count_ones());
    }
    squares(moves)
        .map(|square| {
            let square = usize::from(square);
            perft(board.play_flips(square, board.flips(square)), depth - 1)
        })
        .sum()
}

#[cfg(test)]
mod tests;
