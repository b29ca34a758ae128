//! Feature indices: for each feature of the pattern set, `Σ d(q[i]) · 3^(n-1-i)` over its squares, with
//! d = 0 empty, 1 black, 2 white (absolute colours).
//!
//! Fast path: every square knows the (feature, power of 3) terms it contributes to, so a position is
//! indexed by walking its discs only, and a move updates the indices through the placed and the
//! flipped squares only (search uses that to evaluate children without re-indexing the board).

use crate::board::{squares, Color, Position};
use crate::patterns::{pow3, FEATURES, FEATURE_COUNT};

/// The most features one square belongs to, counted from the pattern set at compile time (so a
/// shape added to docs/patterns.json needs no edit here).
const MAX_TERMS: usize = max_terms_per_square();

const fn max_terms_per_square() -> usize {
    let mut count = [0usize; 64];
    let mut most = 0;
    let mut f = 0;
    while f < FEATURE_COUNT {
        let feature = &FEATURES[f];
        let mut i = 0;
        while i < feature.len as usize {
            let square = feature.squares[i] as usize;
            count[square] += 1;
            if count[square] > most {
                most = count[square];
            }
            i += 1;
        }
        f += 1;
    }
    most
}

#[derive(Clone, Copy)]
struct Term {
    feature: u8,
    power: u16,
}

struct SquareTerms {
    count: [u8; 64],
    terms: [[Term; MAX_TERMS]; 64],
}

const fn build_square_terms() -> SquareTerms {
    let mut table = SquareTerms {
        count: [0; 64],
        terms: [[Term {
            feature: 0,
            power: 0,
        }; MAX_TERMS]; 64],
    };
    let mut f = 0;
    while f < FEATURE_COUNT {
        let feature = &FEATURES[f];
        let len = feature.len as usize;
        let mut i = 0;
        while i < len {
            let square = feature.squares[i] as usize;
            let slot = table.count[square] as usize;
            table.terms[square][slot] = Term {
                feature: f as u8,
                power: pow3(len - 1 - i) as u16,
            };
            table.count[square] += 1;
            i += 1;
        }
        f += 1;
    }
    table
}

static SQUARE_TERMS: SquareTerms = build_square_terms();

#[inline(always)]
fn terms(square: usize) -> &'static [Term] {
    &SQUARE_TERMS.terms[square][..usize::from(SQUARE_TERMS.count[square])]
}

/// The 46 base-3 indices of a position, in feature order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Features {
    pub indices: [u16; FEATURE_COUNT],
}

impl Features {
    /// Index a board from scratch.
    pub fn new(black: u64, white: u64) -> Features {
        let mut indices = [0u16; FEATURE_COUNT];
        for square in squares(black) {
            for t in terms(usize::from(square)) {
                indices[usize::from(t.feature)] += t.power;
            }
        }
        for square in squares(white) {
            for t in terms(usize::from(square)) {
                indices[usize::from(t.feature)] += 2 * t.power;
            }
        }
        Features { indices }
    }

    pub fn of(position: &Position) -> Features {
        Features::new(position.black(), position.white())
    }

    /// The indices after `mover` places a disc on `square` and flips `flipped` (opponent discs
    /// turning to the mover's colour): digit 0 -> d(mover) on the square, d(opponent) -> d(mover)
    /// on each flip.
    #[inline]
    pub fn after_move(&self, mover: Color, square: usize, flipped: u64) -> Features {
        let mut next = *self;
        let ix = &mut next.indices;
        match mover {
            Color::Black => {
                for t in terms(square) {
                    ix[usize::from(t.feature)] += t.power;
                }
                for s in squares(flipped) {
                    for t in terms(usize::from(s)) {
                        ix[usize::from(t.feature)] -= t.power;
                    }
                }
            }
            Color::White => {
                for t in terms(square) {
                    ix[usize::from(t.feature)] += 2 * t.power;
                }
                for s in squares(flipped) {
                    for t in terms(usize::from(s)) {
                        ix[usize::from(t.feature)] += t.power;
                    }
                }
            }
        }
        next
    }
}

/// The 46 (shape, index) pairs of a position in feature order: what the conformance suite compares.
pub fn feature_indices(position: &Position) -> [(u8, u32); FEATURE_COUNT] {
    let features = Features::of(position);
    std::array::from_fn(|f| (FEATURES[f].shape, u32::from(features.indices[f])))
}

#[cfg(test)]
mod tests;
