//! The exact solver: integer final disc differences under perfect play, side to move's view.
//!
//! Far from the end (more than SHALLOW_EMPTIES empties): negascout with null windows, a table of
//! exact bounds, and fastest-first ordering (fewest replies for the opponent first; corners
//! preferred), the classic recipe of strong endgame solvers. Near the end: plain alpha-beta with
//! parity ordering (moves in regions with an odd number of empties first), no table, and a closed
//! form for the last empty square.

use super::context::Context;
use super::stability::stable_discs;
use super::tt::{EndEntry, Table, NO_MOVE};
use crate::board::{adjacent, flips, legal_moves, squares, Board};
use crate::eval::WeightTable;

/// At or below this many empties the table and sorting cost more than they save.
const SHALLOW_EMPTIES: u32 = 6;
/// From this many empties, children are looked up in the table before any is searched.
const ETC_EMPTIES: u32 = 10;
const CORNERS: u64 = 0x8100_0000_0000_0081;
/// C- and X-squares: usually the worst moves, tried last.
const NEXT_TO_CORNERS: u64 = 0x42C3_0000_0000_C342;
/// The four 4x4 quadrants, for parity ordering.
const QUADRANTS: [u64; 4] = [
    0x0000_0000_0F0F_0F0F,
    0x0000_0000_F0F0_F0F0,
    0x0F0F_0F0F_0000_0000,
    0xF0F0_F0F0_0000_0000,
];

pub struct Solver<'c, 'a, W: WeightTable + ?Sized> {
    pub ctx: &'c mut Context<'a, W>,
    pub tt: &'c mut Table<EndEntry>,
}

impl<W: WeightTable + ?Sized> Solver<'_, '_, W> {
    /// The exact value of `board` (player to move) within `(alpha, beta)`, fail-soft.
    pub fn solve(&mut self, board: Board, alpha: i32, beta: i32) -> i32 {
        let empties = board.empty_count();
        if empties <= SHALLOW_EMPTIES {
            self.solve_shallow(board, empties, alpha, beta)
        } else {
            self.solve_deep(board, alpha, beta)
        }
    }

    fn solve_deep(&mut self, board: Board, mut alpha: i32, mut beta: i32) -> i32 {
        if self.ctx.enter() {
            return 0;
        }
        let moves = board.legal_moves();
        if moves == 0 {
            if legal_moves(board.opponent, board.player) == 0 {
                return board.final_score();
            }
            return -self.solve(board.pass(), -beta, -alpha);
        }

        // The opponent's stable discs cap our score: fail low at once when the cap is <= alpha.
        // (Only worth computing when the opponent has enough discs for the cap to bite.)
        if 64 - 2 * board.opponent.count_ones() as i32 <= alpha {
            let cap = 64 - 2 * stable_discs(board.opponent, board.player).count_ones() as i32;
            if cap <= alpha {
                return cap;
            }
        }

        let mut tt_move = NO_MOVE;
        let (mut lower, mut upper) = (-64, 64);
        {
            if let Some(e) = self.tt.probe(board.player, board.opponent) {
                lower = i32::from(e.lower);
                upper = i32::from(e.upper);
                if lower == upper || lower >= beta {
                    return lower;
                }
                if upper <= alpha {
                    return upper;
                }
                alpha = alpha.max(lower);
                beta = beta.min(upper);
                tt_move = e.best;
            }
        }

        // Enhanced transposition cutoff: far from the end, a child already known to be bad enough
        // for the opponent settles this node without searching anything.
        let etc = board.empty_count() >= ETC_EMPTIES;
        let mut list = [(0u8, 0u64, 0i32); 64];
        let mut len = 0;
        for square in squares(moves) {
            let flipped = board.flips(usize::from(square));
            let child = board.play_flips(usize::from(square), flipped);
            if etc {
                if let Some(e) = self.tt.probe(child.player, child.opponent) {
                    if -i32::from(e.upper) >= beta {
                        return -i32::from(e.upper);
                    }
                }
            }
            let replies = child.legal_moves();
            let key = if square == tt_move {
                i32::MIN
            } else {
                // Fastest first: fewest replies (a corner reply counts twice), then fewest empty
                // squares next to our discs (the opponent's potential moves); corners earlier.
                let weighted = (replies.count_ones() + (replies & CORNERS).count_ones()) as i32;
                let potential = (neighbours(child.opponent) & child.empties()).count_ones() as i32;
                let corner = i32::from((1u64 << square) & CORNERS != 0);
                weighted * 64 + potential * 4 - corner * 32
            };
            list[len] = (square, flipped, key);
            len += 1;
        }
        let list = &mut list[..len];
        list.sort_by_key(|m| m.2);

        let (alpha_in, beta_in) = (alpha, beta);
        let mut best = -65;
        let mut best_move = NO_MOVE;
        let mut a = alpha;
        for (i, &(square, flipped, _)) in list.iter().enumerate() {
            let child = board.play_flips(usize::from(square), flipped);
            let value = if i == 0 {
                -self.solve(child, -beta, -a)
            } else {
                // Prove the move is no better than the best so far with a null window; search it
                // properly only when it is.
                let probe = -self.solve(child, -a - 1, -a);
                if probe > a && probe < beta {
                    -self.solve(child, -beta, -a)
                } else {
                    probe
                }
            };
            if self.ctx.aborted {
                return 0;
            }
            if value > best {
                best = value;
                best_move = square;
                if value >= beta {
                    break;
                }
                a = a.max(value);
            }
        }
        // Keep what the table already knew (the narrowed window can only have confirmed it).
        let best = best.clamp(lower, upper);

        let (new_lower, new_upper) = if best <= alpha_in {
            (lower, best)
        } else if best >= beta_in {
            (best, upper)
        } else {
            (best, best)
        };
        let generation = self.tt.generation();
        self.tt.store(EndEntry {
            player: board.player,
            opponent: board.opponent,
            generation,
            lower: new_lower as i8,
            upper: new_upper as i8,
            best: best_move,
            empties: board.empty_count() as u8,
        });
        best
    }

    /// Few empties: no move generation, just the flips of each empty square in parity order
    /// (odd regions first), corners first and squares next to corners last within each region.
    fn solve_shallow(&mut self, board: Board, empties: u32, alpha: i32, beta: i32) -> i32 {
        self.shallow(board, empties, alpha, beta, false)
    }

    fn shallow(&mut self, board: Board, empties: u32, alpha: i32, beta: i32, passed: bool) -> i32 {
        if empties == 2 {
            return self.two_empties(board, alpha, beta, passed);
        }
        if self.ctx.enter() {
            return 0;
        }
        match empties {
            0 => return board.final_score(),
            1 => return last_empty(board),
            _ => {}
        }
        if empties >= 3 && 64 - 2 * board.opponent.count_ones() as i32 <= alpha {
            let cap = 64 - 2 * stable_discs(board.opponent, board.player).count_ones() as i32;
            if cap <= alpha {
                return cap;
            }
        }
        let empty = board.empties();
        let mut odd = 0u64;
        for q in QUADRANTS {
            if (empty & q).count_ones() & 1 == 1 {
                odd |= q;
            }
        }
        let mut best = -65;
        let mut a = alpha;
        let mut moved = false;
        for region in [empty & odd, empty & !odd] {
            for class in [CORNERS, !(CORNERS | NEXT_TO_CORNERS), NEXT_TO_CORNERS] {
                for square in squares(region & class) {
                    let square = usize::from(square);
                    if adjacent(square) & board.opponent == 0 {
                        continue;
                    }
                    let flipped = flips(square, board.player, board.opponent);
                    if flipped == 0 {
                        continue;
                    }
                    moved = true;
                    let child = board.play_flips(square, flipped);
                    let value = -self.shallow(child, empties - 1, -beta, -a, false);
                    if self.ctx.aborted {
                        return 0;
                    }
                    if value > best {
                        best = value;
                        if value >= beta {
                            return best;
                        }
                        a = a.max(value);
                    }
                }
            }
        }
        if !moved {
            if passed {
                // Neither side can move: the game is over.
                return board.final_score();
            }
            return -self.shallow(board.pass(), empties, -beta, -alpha, true);
        }
        best
    }
}

impl<W: WeightTable + ?Sized> Solver<'_, '_, W> {
    /// Two empties: each move leaves one square, whose value `last_empty` computes directly.
    fn two_empties(&mut self, board: Board, alpha: i32, beta: i32, passed: bool) -> i32 {
        if self.ctx.enter() {
            return 0;
        }
        let empty = board.empties();
        let first = empty.trailing_zeros() as usize;
        let second = 63 - empty.leading_zeros() as usize;
        let mut best = -65;
        for square in [first, second] {
            if adjacent(square) & board.opponent == 0 {
                continue;
            }
            let flipped = flips(square, board.player, board.opponent);
            if flipped != 0 {
                let value = -last_empty(board.play_flips(square, flipped));
                if value > best {
                    best = value;
                    if value >= beta {
                        return best;
                    }
                }
            }
        }
        if best == -65 {
            if passed {
                return board.final_score();
            }
            return -self.two_empties(board.pass(), -beta, -alpha, true);
        }
        best
    }
}

/// Squares next to any disc of `bits` (the 8 directions, without wrapping round a row).
#[inline]
fn neighbours(bits: u64) -> u64 {
    const NOT_A: u64 = 0xFEFE_FEFE_FEFE_FEFE;
    const NOT_H: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let east = (bits << 1) & NOT_A;
    let west = (bits >> 1) & NOT_H;
    let row = bits | east | west;
    (row | (row << 8) | (row >> 8)) & !bits
}

/// One empty square left: whoever can move there does (player first), else the game is over.
#[inline]
fn last_empty(board: Board) -> i32 {
    let square = board.empties().trailing_zeros() as usize;
    let mine = board.player.count_ones() as i32;
    let around = adjacent(square);
    let flipped = if around & board.opponent != 0 {
        flips(square, board.player, board.opponent)
    } else {
        0
    };
    if flipped != 0 {
        return 2 * (mine + flipped.count_ones() as i32 + 1) - 64;
    }
    let flipped = if around & board.player != 0 {
        flips(square, board.opponent, board.player)
    } else {
        0
    };
    if flipped != 0 {
        return 2 * (mine - flipped.count_ones() as i32) - 64;
    }
    // Nobody can move: 63 discs, the empty goes to the winner (the difference is odd, never 0).
    let diff = 2 * mine - 63;
    diff + diff.signum()
}
