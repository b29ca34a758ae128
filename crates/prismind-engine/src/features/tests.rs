use super::*;
use crate::board::Position;
use crate::patterns::{SHAPES, SHAPE_COUNT};
use crate::rng::Rng;

/// The spec's formula, square by square.
fn reference(position: &Position) -> Vec<u32> {
    let cells = position.to_cells();
    FEATURES
        .iter()
        .map(|f| {
            f.squares()
                .iter()
                .fold(0u32, |acc, &s| acc * 3 + u32::from(cells[usize::from(s)]))
        })
        .collect()
}

fn playout(seed: u32) -> Vec<Position> {
    let mut rng = Rng::for_game(seed, 1);
    let mut pos = Position::initial();
    let mut out = vec![pos];
    while !pos.is_game_over() {
        if pos.must_pass() {
            pos = pos.pass();
            continue;
        }
        let moves = pos.legal_move_list();
        pos = pos.play(usize::from(
            moves[rng.next_int(moves.len() as u32) as usize],
        ));
        out.push(pos);
    }
    out
}

#[test]
fn indices_match_formula() {
    for seed in 0..20 {
        for pos in playout(seed) {
            let got: Vec<u32> = feature_indices(&pos).iter().map(|&(_, i)| i).collect();
            assert_eq!(got, reference(&pos));
        }
    }
}

#[test]
fn initial_position_indices() {
    // d4 (27) and e5 (36) white, d5 (35) and e4 (28) black. line4 sym 0 is a4..h4: d4 = 2 at
    // digit 3 (3^4), e4 = 1 at digit 4 (3^3): 2·81 + 27 = 189.
    let got = feature_indices(&Position::initial());
    assert_eq!(got[24], (5, 189));
    // diag8 sym 0 a1 b2 c3 d4 e5 f6 g7 h8: d4 = 2 (3^4), e5 = 2 (3^3): 162 + 54 = 216.
    assert_eq!(got[28], (6, 216));
    // corner3x3 sees no disc.
    assert_eq!(got[0], (0, 0));
}

#[test]
fn incremental_update_matches_scratch() {
    for seed in 0..20 {
        let mut pos = Position::initial();
        let mut features = Features::of(&pos);
        let mut rng = Rng::for_game(seed, 2);
        while !pos.is_game_over() {
            if pos.must_pass() {
                pos = pos.pass();
                continue;
            }
            let moves = pos.legal_move_list();
            let square = usize::from(moves[rng.next_int(moves.len() as u32) as usize]);
            let flipped = pos.board().flips(square);
            features = features.after_move(pos.side(), square, flipped);
            pos = pos.play(square);
            assert_eq!(features, Features::of(&pos));
        }
    }
}

#[test]
fn indices_stay_in_shape_range() {
    for pos in playout(99) {
        for (shape, index) in feature_indices(&pos) {
            assert!((shape as usize) < SHAPE_COUNT);
            assert!((index as usize) < SHAPES[shape as usize].weights());
        }
    }
}
