//! Conversion between positions and the contract's 64-cell arrays (0 empty, 1 black, 2 white),
//! with the validation the contract promises: wrong input is a typed error, never a guess.

use super::{Color, Position};
use crate::error::{err, EngineResult, ErrorCode};

/// Fewer discs than the start position is not a position an engine evaluates (the stage formula
/// would go negative); see docs/engine-spec.md, "Board and squares".
const MIN_DISCS: u32 = 4;

impl Color {
    /// The player to move from the contract's number: 1 black, 2 white.
    pub fn from_player(player: u8) -> EngineResult<Color> {
        match player {
            1 => Ok(Color::Black),
            2 => Ok(Color::White),
            other => err(
                ErrorCode::InvalidPlayer,
                format!("player is {other}; expected 1 (black) or 2 (white)"),
            ),
        }
    }

    /// As `from_player`, for a JavaScript number (NaN, fractions and negatives are rejected).
    pub fn from_player_f64(player: f64) -> EngineResult<Color> {
        if player == 1.0 {
            Ok(Color::Black)
        } else if player == 2.0 {
            Ok(Color::White)
        } else {
            err(
                ErrorCode::InvalidPlayer,
                format!("player is {player}; expected 1 (black) or 2 (white)"),
            )
        }
    }
}

impl Position {
    /// A position from 64 cells (square order a1, b1, ..., h8) and the player to move.
    pub fn from_cells(cells: &[u8], player: u8) -> EngineResult<Position> {
        let side = Color::from_player(player)?;
        check_len(cells.len())?;
        let (mut black, mut white) = (0u64, 0u64);
        for (square, &cell) in cells.iter().enumerate() {
            match cell {
                0 => {}
                1 => black |= 1u64 << square,
                2 => white |= 1u64 << square,
                other => return bad_cell(square, &other.to_string()),
            }
        }
        finish(black, white, side)
    }

    /// As `from_cells`, for JavaScript numbers: NaN, fractions and out-of-range values are errors.
    pub fn from_cells_f64(cells: &[f64], player: f64) -> EngineResult<Position> {
        let side = Color::from_player_f64(player)?;
        check_len(cells.len())?;
        let (mut black, mut white) = (0u64, 0u64);
        for (square, &cell) in cells.iter().enumerate() {
            if cell == 0.0 {
                continue;
            } else if cell == 1.0 {
                black |= 1u64 << square;
            } else if cell == 2.0 {
                white |= 1u64 << square;
            } else {
                return bad_cell(square, &cell.to_string());
            }
        }
        finish(black, white, side)
    }

    /// The position after `square`, checked: a square outside 0..63 is INVALID_SQUARE, a square
    /// the side to move cannot play is ILLEGAL_MOVE.
    pub fn try_play(&self, square: i32) -> EngineResult<Position> {
        let Some(s) = u8::try_from(square).ok().filter(|&s| s < 64) else {
            return err(
                ErrorCode::InvalidSquare,
                format!("square is {square}; expected 0..63"),
            );
        };
        if !self.is_legal(usize::from(s)) {
            let side = match self.side() {
                Color::Black => "black",
                Color::White => "white",
            };
            return err(
                ErrorCode::IllegalMove,
                format!("{} ({s}) is not a legal move for {side}", square_name(s)),
            );
        }
        Ok(self.play(usize::from(s)))
    }

    /// The 64 cells: 0 empty, 1 black, 2 white.
    pub fn to_cells(&self) -> [u8; 64] {
        let (black, white) = (self.black(), self.white());
        std::array::from_fn(|square| {
            let bit = 1u64 << square;
            if black & bit != 0 {
                1
            } else if white & bit != 0 {
                2
            } else {
                0
            }
        })
    }
}

fn check_len(len: usize) -> EngineResult<()> {
    if len == 64 {
        Ok(())
    } else {
        err(
            ErrorCode::InvalidBoard,
            format!("board has {len} cells; expected 64 (squares a1..h8)"),
        )
    }
}

fn bad_cell<T>(square: usize, value: &str) -> EngineResult<T> {
    err(
        ErrorCode::InvalidBoard,
        format!(
            "cell {square} ({}) is {value}; expected 0 (empty), 1 (black) or 2 (white)",
            square_name(square as u8)
        ),
    )
}

fn finish(black: u64, white: u64, side: Color) -> EngineResult<Position> {
    let discs = (black | white).count_ones();
    if discs < MIN_DISCS {
        return err(
            ErrorCode::InvalidBoard,
            format!("board has {discs} discs; expected at least {MIN_DISCS}"),
        );
    }
    Ok(Position::from_colors(black, white, side))
}

/// "a1".."h8" for messages.
pub fn square_name(square: u8) -> String {
    let square = square & 63;
    format!("{}{}", (b'a' + square % 8) as char, square / 8 + 1)
}
