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
mod tests {
    use super::*;

    #[test]
    fn corners_and_anchored_edges_are_stable() {
        // Black: a1, b1, c1 and e1; white d1. e1 is not anchored.
        let me = 0b1_0111;
        let other = 0b1000;
        assert_eq!(stable_discs(me, other), 0b111);
        // A lone centre disc on an open board is not stable.
        assert_eq!(stable_discs(1 << 27, 1 << 28), 0);
    }

    #[test]
    fn a_full_board_is_all_stable() {
        let me = 0x0F0F_0F0F_0F0F_0F0F;
        assert_eq!(stable_discs(me, !me), me);
    }

    #[test]
    fn stable_discs_never_flip_in_random_play() {
        let mut rng = crate::rng::Rng::for_game(17, 0);
        for _ in 0..200 {
            let mut pos = crate::board::Position::initial();
            while !pos.is_game_over() {
                if pos.must_pass() {
                    pos = pos.pass();
                    continue;
                }
                let black_stable = stable_discs(pos.black(), pos.white());
                let white_stable = stable_discs(pos.white(), pos.black());
                let moves = pos.legal_move_list();
                pos = pos.play(usize::from(
                    moves[rng.next_int(moves.len() as u32) as usize],
                ));
                assert_eq!(pos.black() & black_stable, black_stable);
                assert_eq!(pos.white() & white_stable, white_stable);
            }
        }
    }
}

#[cfg(test)]
mod full_line_tests {
    use super::full_lines;

    /// Square-by-square reference: the line through s along (dc, dr) has no empty square.
    fn full(filled: u64, s: i32, dc: i32, dr: i32) -> bool {
        let mut ok = true;
        for sign in [1, -1] {
            let (mut c, mut r) = (s % 8, s / 8);
            while (0..8).contains(&c) && (0..8).contains(&r) {
                ok &= filled & (1u64 << (r * 8 + c)) != 0;
                c += sign * dc;
                r += sign * dr;
            }
        }
        ok
    }

    #[test]
    fn full_lines_match_reference() {
        let mut rng = crate::rng::Rng::for_game(5, 5);
        for _ in 0..500 {
            // Dense random boards, so that some lines are full.
            let mut filled = !0u64;
            for _ in 0..rng.next_int(6) {
                filled &= !(1u64 << rng.next_int(64));
            }
            let (h, v, r, f) = full_lines(filled);
            for s in 0..64 {
                let bit = |x: u64| x & (1u64 << s) != 0;
                assert_eq!(bit(h), full(filled, s, 1, 0));
                assert_eq!(bit(v), full(filled, s, 0, 1));
                assert_eq!(bit(r), full(filled, s, 1, 1));
                assert_eq!(bit(f), full(filled, s, -1, 1));
            }
        }
    }
}
