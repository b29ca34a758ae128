//! A lower bound on the discs a player can never lose: discs that cannot be outflanked along any of
//! the four axes. A disc is safe along an axis when the line through it is full (no move can be
//! made on it), when it is on the board's edge across that axis, or when its neighbour along the
//! axis is an own disc already known to be stable. Starting from nothing and growing until nothing
//! changes finds corners, edge runs anchored on corners, discs on full lines, and what they shelter.
//! The endgame solver uses it to cut: the side to move can score at most 64 - 2 x (opponent's
//! stable discs).

const FILE_A: u64 = 0x0101_0101_0101_0101;
const FILE_H: u64 = 0x8080_8080_8080_8080;
const RANK_1: u64 = 0x0000_0000_0000_00FF;
const RANK_8: u64 = 0xFF00_0000_0000_0000;
const BORDER: u64 = FILE_A | FILE_H | RANK_1 | RANK_8;

/// Every square that a run along direction `shift` (left shifts for positive) reaches from `seeds`
/// without wrapping round the board: a Kogge-Stone fill whose propagator is `not_wrap` (the squares
/// that may receive from their neighbour in that direction).
#[inline(always)]
fn fill_left(seeds: u64, shift: u32, not_wrap: u64) -> u64 {
    let mut gen = seeds;
    let mut pro = not_wrap;
    gen |= pro & (gen << shift);
    pro &= pro << shift;
    gen |= pro & (gen << (2 * shift));
    pro &= pro << (2 * shift);
    gen | (pro & (gen << (4 * shift)))
}

#[inline(always)]
fn fill_right(seeds: u64, shift: u32, not_wrap: u64) -> u64 {
    let mut gen = seeds;
    let mut pro = not_wrap;
    gen |= pro & (gen >> shift);
    pro &= pro >> shift;
    gen |= pro & (gen >> (2 * shift));
    pro &= pro >> (2 * shift);
    gen | (pro & (gen >> (4 * shift)))
}

/// Squares whose line in each axis is completely filled: (horizontal, vertical, rising, falling).
/// A line is full when no empty square reaches it, so empties are flooded along each axis.
#[inline]
fn full_lines(filled: u64) -> (u64, u64, u64, u64) {
    let empty = !filled;
    let not_a = !FILE_A;
    let not_h = !FILE_H;
    let horizontal = !(fill_left(empty, 1, not_a) | fill_right(empty, 1, not_h));
    let vertical = !(fill_left(empty, 8, !0) | fill_right(empty, 8, !0));
    let rising = !(fill_left(empty, 9, not_a) | fill_right(empty, 9, not_h));
    let falling = !(fill_left(empty, 7, not_h) | fill_right(empty, 7, not_a));
    (horizontal, vertical, rising, falling)
}

/// Discs of `me` that can never be flipped (a lower bound), given the opponent's discs `other`.
pub fn stable_discs(me: u64, other: u64) -> u64 {
    let (full_h, full_v, full_r, full_f) = full_lines(me | other);
    let not_a = !FILE_A;
    let not_h = !FILE_H;
    let mut stable = 0u64;
    loop {
        let h = full_h | FILE_A | FILE_H | ((stable << 1) & not_a) | ((stable >> 1) & not_h);
        let v = full_v | RANK_1 | RANK_8 | (stable << 8) | (stable >> 8);
        let r = full_r | BORDER | ((stable << 9) & not_a) | ((stable >> 9) & not_h);
        let f = full_f | BORDER | ((stable << 7) & not_h) | ((stable >> 7) & not_a);
        let next = stable | (me & h & v & r & f);
        if next == stable {
            return stable;
        }
        stable = next;
    }
}

#[cfg(test)]
mod tests;
