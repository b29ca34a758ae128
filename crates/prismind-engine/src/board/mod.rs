//! The rules on bitboards. `Board` is side-relative (player to move / opponent), which keeps move
//! generation and search colour-blind; `Position` adds the colour to move for everything that
//! needs absolute colours (features, evaluation, cells).

mod cells;
mod moves;
mod symmetry;
#[cfg(test)]
mod tests;

pub use cells::square_name;
pub use moves::{adjacent, flips, legal_moves};
pub use symmetry::{symmetry_bits, symmetry_square};

/// A disc colour and a player: 1 black, 2 white (the contract's numbering).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Color {
    Black = 1,
    White = 2,
}

impl Color {
    pub fn opponent(self) -> Color {
        match self {
            Color::Black => Color::White,
            Color::White => Color::Black,
        }
    }

    /// +1 for black, -1 for white: turns black-positive values into side-to-move values.
    pub fn sign(self) -> f64 {
        match self {
            Color::Black => 1.0,
            Color::White => -1.0,
        }
    }

    pub fn as_u8(self) -> u8 {
        self as u8
    }
}

/// Two disjoint bitboards: the discs of the player to move and of the opponent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Board {
    pub player: u64,
    pub opponent: u64,
}

impl Board {
    #[inline]
    pub fn new(player: u64, opponent: u64) -> Board {
        debug_assert_eq!(player & opponent, 0, "a square holds two discs");
        Board { player, opponent }
    }

    #[inline]
    pub fn legal_moves(&self) -> u64 {
        legal_moves(self.player, self.opponent)
    }

    #[inline]
    pub fn flips(&self, square: usize) -> u64 {
        flips(square, self.player, self.opponent)
    }

    /// The board after the player to move plays `square`, flipping `flipped`; sides swap.
    /// The caller guarantees legality (`flipped == self.flips(square)`, non-zero).
    #[inline]
    pub fn play_flips(&self, square: usize, flipped: u64) -> Board {
        debug_assert!(
            self.legal_moves() & (1u64 << square) != 0,
            "illegal move {square}"
        );
        debug_assert_eq!(flipped, self.flips(square));
        Board::new(
            self.opponent ^ flipped,
            self.player ^ flipped ^ (1u64 << square),
        )
    }

    /// The board after a legal move at `square`.
    #[inline]
    pub fn play(&self, square: usize) -> Board {
        self.play_flips(square, self.flips(square))
    }

    /// The board after a pass: the same discs, the other side to move.
    #[inline]
    pub fn pass(&self) -> Board {
        Board::new(self.opponent, self.player)
    }

    #[inline]
    pub fn empties(&self) -> u64 {
        !(self.player | self.opponent)
    }

    #[inline]
    pub fn empty_count(&self) -> u32 {
        self.empties().count_ones()
    }

    #[inline]
    pub fn disc_count(&self) -> u32 {
        (self.player | self.opponent).count_ones()
    }

    /// Neither side can move.
    #[inline]
    pub fn is_game_over(&self) -> bool {
        self.legal_moves() == 0 && legal_moves(self.opponent, self.player) == 0
    }

    /// Final disc difference from the player to move's view, empties to the winner (meaningful
    /// when the game is over; defined for any board).
    #[inline]
    pub fn final_score(&self) -> i32 {
        let mine = self.player.count_ones() as i32;
        let theirs = self.opponent.count_ones() as i32;
        let empties = 64 - mine - theirs;
        let diff = mine - theirs;
        match diff.signum() {
            1 => diff + empties,
            -1 => diff - empties,
            _ => 0,
        }
    }
}

/// A board with the colour to move: the unit the contract speaks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    board: Board,
    side: Color,
}

impl Position {
    /// The standard start: d4, e5 white; d5, e4 black; black to move.
    pub fn initial() -> Position {
        let black = (1u64 << 28) | (1u64 << 35);
        let white = (1u64 << 27) | (1u64 << 36);
        Position::from_colors(black, white, Color::Black)
    }

    /// From absolute bitboards. Overlapping discs are a programming error (debug-checked); input
    /// from outside goes through `from_cells`, which validates.
    pub fn from_colors(black: u64, white: u64, side: Color) -> Position {
        let board = match side {
            Color::Black => Board::new(black, white),
            Color::White => Board::new(white, black),
        };
        Position { board, side }
    }

    pub fn from_board(board: Board, side: Color) -> Position {
        Position { board, side }
    }

    pub fn board(&self) -> Board {
        self.board
    }

    pub fn side(&self) -> Color {
        self.side
    }

    pub fn black(&self) -> u64 {
        match self.side {
            Color::Black => self.board.player,
            Color::White => self.board.opponent,
        }
    }

    pub fn white(&self) -> u64 {
        match self.side {
            Color::Black => self.board.opponent,
            Color::White => self.board.player,
        }
    }

    pub fn legal_moves(&self) -> u64 {
        self.board.legal_moves()
    }

    /// Legal moves as squares in ascending order (the order self-play's random move draws from).
    pub fn legal_move_list(&self) -> Vec<u8> {
        squares(self.board.legal_moves()).collect()
    }

    pub fn is_legal(&self, square: usize) -> bool {
        square < 64 && self.board.legal_moves() & (1u64 << square) != 0
    }

    /// The position after a legal move (the caller checked legality; debug-checked). Input from
    /// outside goes through `try_play`.
    pub fn play(&self, square: usize) -> Position {
        Position {
            board: self.board.play(square),
            side: self.side.opponent(),
        }
    }

    pub fn pass(&self) -> Position {
        Position {
            board: self.board.pass(),
            side: self.side.opponent(),
        }
    }

    /// The side to move has no legal move but the game goes on.
    pub fn must_pass(&self) -> bool {
        self.board.legal_moves() == 0 && !self.board.is_game_over()
    }

    pub fn is_game_over(&self) -> bool {
        self.board.is_game_over()
    }

    pub fn disc_count(&self) -> u32 {
        self.board.disc_count()
    }

    pub fn empty_count(&self) -> u32 {
        self.board.empty_count()
    }

    /// Final score, black minus white, empties to the winner.
    pub fn final_score_black(&self) -> i32 {
        match self.side {
            Color::Black => self.board.final_score(),
            Color::White => -self.board.final_score(),
        }
    }

    /// The image of the position under symmetry `k` (0..7, see docs/engine-spec.md).
    pub fn symmetry(&self, k: u8) -> Position {
        Position {
            board: Board::new(
                symmetry_bits(self.board.player, k),
                symmetry_bits(self.board.opponent, k),
            ),
            side: self.side,
        }
    }
}

/// The set squares of a bitboard, in ascending order.
#[inline]
pub fn squares(mut bits: u64) -> impl Iterator<Item = u8> {
    std::iter::from_fn(move || {
        if bits == 0 {
            None
        } else {
            let square = bits.trailing_zeros() as u8;
            bits &= bits - 1;
            Some(square)
        }
    })
}
