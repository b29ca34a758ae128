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
