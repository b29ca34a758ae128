//! The FFO endgame test suite (#40-#49, tests/data/ffo-40-49.obf): the exact solver must find each
//! published score and one of the published best moves.
//!
//! CI runs the positions that solve in seconds (FFO_IN_CI); the rest run with
//! `cargo test --release -p prismind-engine --test ffo -- --ignored --nocapture`.

mod common;

use std::time::Instant;

use common::{parse_position, parse_squares, solve, solver};
use prismind_engine::{square_name, Position};

/// The positions of 20-23 empties: about 30 s of one core together (#43, the slowest, ~15 s), 80 s
/// on the shared 2-core development machine. #45-#49 (24-26 empties) take minutes each.
const FFO_IN_CI: [u32; 5] = [40, 41, 42, 43, 44];

struct FfoCase {
    number: u32,
    position: Position,
    best_moves: Vec<u8>,
    score: i32,
}

/// `<64 squares> <X|O>; <best moves>: <score>; #<number>`; '#' starts a comment line.
fn parse_case(line: &str) -> FfoCase {
    let fields: Vec<&str> = line.split(';').map(str::trim).collect();
    let [board_and_side, result, number] = fields[..] else {
        panic!("line {line:?} has {} ';' fields; expected 3", fields.len());
    };
    let (board, side) = board_and_side
        .split_once(' ')
        .expect("board, then side to move");
    let (moves, score) = result.split_once(':').expect("best moves: score");
    FfoCase {
        number: number.trim_start_matches('#').parse().expect("#number"),
        position: parse_position(board, side.trim()),
        best_moves: parse_squares(moves),
        score: score.trim().parse().expect("score"),
    }
}

fn ffo_cases() -> Vec<FfoCase> {
    include_str!("data/ffo-40-49.obf")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(parse_case)
        .collect()
}

fn check(cases: impl Iterator<Item = FfoCase>) {
    let mut searcher = solver();
    for case in cases {
        let start = Instant::now();
        let result = solve(&mut searcher, &case.position);
        let best = u8::try_from(result.best_move).expect("FFO positions have a move");
        println!(
            "FFO #{}: {} empties, {} {:+}, {} nodes, {:.1} s",
            case.number,
            case.position.empty_count(),
            square_name(best),
            result.score,
            result.nodes,
            start.elapsed().as_secs_f64()
        );
        assert_eq!(
            result.score,
            f64::from(case.score),
            "FFO #{} score",
            case.number
        );
        assert!(
            case.best_moves.contains(&best),
            "FFO #{}: {} is not a published best move",
            case.number,
            square_name(best)
        );
    }
}

#[test]
fn the_suite_file_holds_ffo_40_to_49() {
    let numbers: Vec<u32> = ffo_cases().iter().map(|c| c.number).collect();
    assert_eq!(numbers, (40..=49).collect::<Vec<_>>());
}

#[test]
fn solves_the_quick_ffo_positions_exactly() {
    check(
        ffo_cases()
            .into_iter()
            .filter(|c| FFO_IN_CI.contains(&c.number)),
    );
}

#[test]
#[ignore = "minutes: run with --ignored (see the file's comment)"]
fn solves_the_slow_ffo_positions_exactly() {
    check(
        ffo_cases()
            .into_iter()
            .filter(|c| !FFO_IN_CI.contains(&c.number)),
    );
}
