//! The endgame accuracy set (packages/arena/data/endgame-set.txt, made by examples/endgame_set.rs):
//! the whole file is well formed, and a fixed sample of its labels re-solves to the same score and
//! the same set of best moves.

mod common;

use std::collections::HashSet;

use common::{parse_position, parse_squares, solve, solver};
use prismind_engine::{square_name, Color, Position, Searcher};

const SET_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../packages/arena/data/endgame-set.txt"
);
const EMPTIES: std::ops::RangeInclusive<u32> = 14..=24;
/// Re-solved per number of empties in 14..=18 (cheap: well under a second each).
const SAMPLE_PER_EMPTIES: usize = 4;

struct Labelled {
    position: Position,
    score: i32,
    best_moves: Vec<u8>,
}

/// `<64 squares> <X|O> <score> <best moves a1..h8, comma-separated>`.
fn parse_line(line: &str) -> Labelled {
    let fields: Vec<&str> = line.split(' ').collect();
    let [board, side, score, moves] = fields[..] else {
        panic!("line {line:?} has {} fields; expected 4", fields.len());
    };
    Labelled {
        position: parse_position(board, side),
        score: score.parse().expect("score"),
        best_moves: parse_squares(moves),
    }
}

fn read_set() -> Vec<Labelled> {
    let text = std::fs::read_to_string(SET_FILE)
        .unwrap_or_else(|e| panic!("cannot read {SET_FILE}: {e}; generate it (see its README)"));
    text.lines().map(parse_line).collect()
}

/// The same key for the 8 symmetric images of a position.
fn canonical_key(position: &Position) -> (u64, u64, bool) {
    let (black, white) = (0..8)
        .map(|k| position.symmetry(k))
        .map(|p| (p.black(), p.white()))
        .min()
        .expect("8 symmetries");
    (black, white, position.side() == Color::Black)
}

/// Exact score and every move reaching it, solving each child (a different path from one root
/// solve, which returns only one best move).
fn exact_labels(searcher: &mut Searcher, position: &Position) -> (i32, Vec<u8>) {
    let values: Vec<(u8, i32)> = position
        .legal_move_list()
        .into_iter()
        .map(|m| {
            (
                m,
                -(solve(searcher, &position.play(usize::from(m))).score as i32),
            )
        })
        .collect();
    let score = values.iter().map(|v| v.1).max().expect("a legal move");
    (
        score,
        values
            .iter()
            .filter(|v| v.1 == score)
            .map(|v| v.0)
            .collect(),
    )
}

#[test]
fn the_set_covers_14_to_24_empties_without_symmetric_duplicates() {
    let set = read_set();
    assert!(
        set.len() >= 2000,
        "{} positions; expected at least 2000",
        set.len()
    );
    let mut keys = HashSet::new();
    for e in EMPTIES {
        assert!(
            set.iter().any(|l| l.position.empty_count() == e),
            "no position with {e} empties"
        );
    }
    for labelled in &set {
        let p = &labelled.position;
        assert!(
            EMPTIES.contains(&p.empty_count()),
            "{} empties",
            p.empty_count()
        );
        assert!(p.legal_moves() != 0, "a pass-only or finished root");
        assert!(keys.insert(canonical_key(p)), "a symmetric duplicate");
        assert!(labelled
            .best_moves
            .iter()
            .all(|&m| p.is_legal(usize::from(m))));
    }
}

#[test]
fn a_sample_of_labels_re_solves_to_the_same_score_and_best_moves() {
    let set = read_set();
    let mut searcher = solver();
    for e in 14..=18 {
        let block: Vec<&Labelled> = set
            .iter()
            .filter(|l| l.position.empty_count() == e)
            .collect();
        for i in 0..SAMPLE_PER_EMPTIES {
            let labelled = block[i * block.len() / SAMPLE_PER_EMPTIES];
            let (score, best) = exact_labels(&mut searcher, &labelled.position);
            let names: Vec<String> = best.iter().map(|&m| square_name(m)).collect();
            assert_eq!(score, labelled.score, "score, {e} empties, moves {names:?}");
            assert_eq!(best, labelled.best_moves, "best moves, {e} empties");
        }
    }
}
