//! Search values and moves against a plain minimax that follows docs/engine-spec.md word for word
//! (no pruning, no table, no ordering), and the exact solver against brute force.

use std::sync::atomic::AtomicBool;

use super::*;
use crate::board::{squares, Position};
use crate::error::ErrorCode;
use crate::eval::{evaluate, Model};
use crate::test_support::{position_with_empties, random_model, random_position};

/// Minimax value at remaining depth, side to move's view, straight from the spec.
fn minimax(model: &Model, pos: &Position, depth: u32) -> f64 {
    if pos.is_game_over() {
        let score = pos.final_score_black();
        return f64::from(score) * pos.side().sign();
    }
    if depth == 0 {
        return pos.side().sign() * evaluate(model, pos);
    }
    if pos.legal_moves() == 0 {
        return -minimax(model, &pos.pass(), depth);
    }
    squares(pos.legal_moves())
        .map(|s| -minimax(model, &pos.play(usize::from(s)), depth - 1))
        .fold(f64::NEG_INFINITY, f64::max)
}

/// The spec's root order and selection over iterations 1..=depth: (best move, value).
fn reference_root(model: &Model, pos: &Position, depth: u32, exact: bool) -> (u8, f64) {
    let sign = pos.side().sign();
    let mut by_static: Vec<(u8, f64)> = squares(pos.legal_moves())
        .map(|s| (s, sign * evaluate(model, &pos.play(usize::from(s)))))
        .collect();
    by_static.sort_by(|a, b| b.1.total_cmp(&a.1));
    let value_of = |s: u8, d: u32| {
        let child = pos.play(usize::from(s));
        if exact {
            -f64::from(brute_force(&child))
        } else {
            -minimax(model, &child, d - 1)
        }
    };
    let mut best: Option<(u8, f64)> = None;
    let iterations = if exact { 1..=1 } else { 1..=depth };
    for d in iterations {
        let mut order: Vec<u8> = best.map(|b| b.0).into_iter().collect();
        order.extend(
            by_static
                .iter()
                .map(|m| m.0)
                .filter(|&s| Some(s) != best.map(|b| b.0)),
        );
        let mut this: Option<(u8, f64)> = None;
        for s in order {
            let v = value_of(s, d);
            if this.is_none_or(|b| v > b.1) {
                this = Some((s, v));
            }
        }
        best = this;
    }
    best.unwrap()
}

/// Exact final disc difference, side to move's view, by exhaustive minimax.
fn brute_force(pos: &Position) -> i32 {
    if pos.is_game_over() {
        return pos.final_score_black() * pos.side().sign() as i32;
    }
    if pos.legal_moves() == 0 {
        return -brute_force(&pos.pass());
    }
    squares(pos.legal_moves())
        .map(|s| -brute_force(&pos.play(usize::from(s))))
        .max()
        .unwrap()
}

#[test]
fn fixed_depth_values_and_moves_match_plain_minimax() {
    let model = random_model(1, 30, 2.0);
    let mut searcher = Searcher::new(1 << 16);
    for seed in 0..24 {
        let pos = random_position(seed, 10 + (seed as usize * 2));
        if pos.legal_moves() == 0 {
            continue;
        }
        for depth in 1..=4 {
            let r = searcher
                .search(&model, &pos, &SearchLimits::depth(depth))
                .unwrap();
            let (best, value) = reference_root(&model, &pos, depth, false);
            assert_eq!(
                r.score.to_bits(),
                value.to_bits(),
                "seed {seed} depth {depth}"
            );
            assert_eq!(r.best_move, i32::from(best), "seed {seed} depth {depth}");
            assert_eq!(r.depth, depth);
            assert!(!r.exact);
            assert_eq!(r.pv[0], best);
        }
    }
}

#[test]
fn values_stay_exact_with_many_ties() {
    // Weights in {-1, 0, 1}: evaluations tie all the time, the hard case for null windows, table
    // bounds and the root's strict-improvement rule.
    let mut model = random_model(21, 30, 1.5);
    for w in model.weights_mut() {
        *w = w.round();
    }
    let mut searcher = Searcher::new(1 << 16);
    for seed in 40..52 {
        let pos = random_position(seed, 12 + seed as usize % 20);
        if pos.legal_moves() == 0 {
            continue;
        }
        for depth in [3, 5] {
            let r = searcher
                .search(&model, &pos, &SearchLimits::depth(depth))
                .unwrap();
            let (best, value) = reference_root(&model, &pos, depth, false);
            assert_eq!(
                (r.best_move, r.score),
                (i32::from(best), value),
                "seed {seed} depth {depth}"
            );
        }
    }
}

#[test]
fn a_zero_score_is_reported_as_plus_zero() {
    // White to move with a zero model: every value is -(+0.0) somewhere along the way.
    let model = Model::new(1).unwrap();
    let pos = Position::initial().play(19);
    for depth in [1, 2, 3] {
        let r = search(&model, &pos, &SearchLimits::depth(depth)).unwrap();
        assert_eq!(r.score.to_bits(), 0.0f64.to_bits(), "depth {depth}");
    }
}

#[test]
fn ties_pick_the_first_move_in_root_order() {
    // A zero model: every static value ties, so the root order is ascending squares and, at depth
    // 1, the first move (lowest square) wins unless a move ends the game.
    let model = Model::new(1).unwrap();
    let pos = Position::initial();
    let r = search(&model, &pos, &SearchLimits::depth(1)).unwrap();
    assert_eq!(r.best_move, 19);
    assert_eq!(r.score, 0.0);
    let r = search(&model, &pos, &SearchLimits::depth(3)).unwrap();
    assert_eq!(r.best_move, 19);
}

#[test]
fn table_size_does_not_change_results() {
    let model = random_model(2, 30, 1.0);
    for seed in 30..36 {
        let pos = random_position(seed, 20);
        if pos.legal_moves() == 0 {
            continue;
        }
        let tiny = Searcher::new(64)
            .search(&model, &pos, &SearchLimits::depth(5))
            .unwrap();
        let big = Searcher::new(1 << 22)
            .search(&model, &pos, &SearchLimits::depth(5))
            .unwrap();
        assert_eq!(tiny.score.to_bits(), big.score.to_bits());
        assert_eq!(tiny.best_move, big.best_move);
    }
}

#[test]
fn exact_solver_matches_brute_force() {
    let model = random_model(3, 30, 1.0);
    let mut searcher = Searcher::new(1 << 20);
    let mut checked = 0;
    for seed in 0..12 {
        let empties = 8 + seed % 3;
        let pos = position_with_empties(seed, empties);
        let limits = SearchLimits::depth(1).with_exact_empties(empties);
        let r = searcher.search(&model, &pos, &limits).unwrap();
        let (best, value) = reference_root(&model, &pos, 0, true);
        assert_eq!(r.score, value, "seed {seed}");
        assert_eq!(r.score, f64::from(brute_force(&pos)));
        assert_eq!(r.best_move, i32::from(best), "seed {seed}");
        assert_eq!(r.depth, empties);
        assert!(r.exact);
        checked += 1;
    }
    assert_eq!(checked, 12);
}

#[test]
fn finished_game_at_a_leaf_is_its_final_score() {
    // One empty (h8), black to move, black fills it and the game ends: depth 1 must report the
    // final score, not the (zero) evaluation.
    let mut cells = [1u8; 64];
    cells[63] = 0;
    cells[62] = 2;
    cells[0] = 2;
    let pos = Position::from_cells(&cells, 1).unwrap();
    assert!(pos.is_legal(63));
    let model = Model::new(30).unwrap();
    let r = search(&model, &pos, &SearchLimits::depth(1)).unwrap();
    assert_eq!(r.best_move, 63);
    assert_eq!(r.score, f64::from(pos.play(63).final_score_black()));
}

#[test]
fn no_move_at_the_root() {
    let model = random_model(4, 30, 1.0);
    // Game over: full board.
    let mut cells = [1u8; 64];
    cells[..20].fill(2);
    let over = Position::from_cells(&cells, 2).unwrap();
    let r = search(&model, &over, &SearchLimits::depth(3)).unwrap();
    assert_eq!(
        (r.best_move, r.score, r.depth, r.nodes),
        (-1, 20.0 - 44.0, 0, 0)
    );
    assert!(r.exact);

    // Must pass: white has no move, black has.
    let mut cells = [0u8; 64];
    cells[0] = 1;
    cells[1] = 2;
    cells[8] = 2;
    cells[9] = 2;
    let pass = Position::from_cells(&cells, 2).unwrap();
    assert!(pass.must_pass());
    let r = search(&model, &pass, &SearchLimits::depth(2)).unwrap();
    let opponent = search(&model, &pass.pass(), &SearchLimits::depth(2)).unwrap();
    assert_eq!(r.best_move, -1);
    assert_eq!(r.score, -opponent.score);
    assert_eq!(r.depth, 2);
}

#[test]
fn limits_are_validated() {
    let model = Model::new(1).unwrap();
    let pos = Position::initial();
    let bad = [
        SearchLimits::default(),
        SearchLimits::depth(0),
        SearchLimits::depth(61),
        SearchLimits {
            time_ms: Some(0),
            ..SearchLimits::default()
        },
        SearchLimits {
            time_ms: Some(u64::MAX),
            ..SearchLimits::default()
        },
        SearchLimits {
            nodes: Some(0),
            ..SearchLimits::default()
        },
        SearchLimits::depth(1).with_exact_empties(61),
    ];
    for limits in bad {
        let e = search(&model, &pos, &limits).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidLimits, "{limits:?}");
    }
}

#[test]
fn time_node_and_stop_limits_interrupt() {
    let model = random_model(5, 30, 1.0);
    let pos = random_position(6, 16);
    let mut searcher = Searcher::new(1 << 20);

    let limits = SearchLimits {
        time_ms: Some(30),
        ..SearchLimits::default()
    };
    let r = searcher.search(&model, &pos, &limits).unwrap();
    assert!(r.time_ms < 200.0, "{}", r.time_ms);
    assert!(r.depth >= 1 && r.best_move >= 0);

    let limits = SearchLimits {
        nodes: Some(5000),
        ..SearchLimits::default()
    };
    let r = searcher.search(&model, &pos, &limits).unwrap();
    let full = searcher
        .search(&model, &pos, &SearchLimits::depth(r.depth))
        .unwrap();
    assert_eq!(r.score, full.score, "an interrupted iteration is discarded");
    assert_eq!(r.best_move, full.best_move);

    // A raised stop flag: depth 1 still completes.
    let stop = AtomicBool::new(true);
    let r = searcher
        .search_with_stop(&model, &pos, &SearchLimits::depth(20), Some(&stop))
        .unwrap();
    assert_eq!(r.depth, 1);

    // An interrupted exact solve falls back to depth 1.
    let deep = random_position(7, 20);
    let limits = SearchLimits {
        nodes: Some(1000),
        ..SearchLimits::depth(1)
    }
    .with_exact_empties(60);
    let r = searcher.search(&model, &deep, &limits).unwrap();
    assert!(!r.exact);
    assert_eq!(r.depth, 1);
}

#[test]
fn depth_beyond_the_end_reports_the_limit() {
    let model = random_model(8, 30, 1.0);
    let pos = position_with_empties(9, 6);
    let r = search(&model, &pos, &SearchLimits::depth(12)).unwrap();
    assert_eq!(r.depth, 12);
    let (best, value) = reference_root(&model, &pos, 12, false);
    assert_eq!((r.best_move, r.score), (i32::from(best), value));
    assert_eq!(r.score, f64::from(brute_force(&pos)));
}

#[test]
fn table_sizes_are_powers_of_two_within_budget() {
    assert_eq!(std::mem::size_of::<tt::MidEntry>(), 32);
    let t = tt::Table::<tt::MidEntry>::with_bytes(1000);
    assert_eq!((t.len(), t.bytes()), (16, 512));
    assert_eq!(
        tt::Table::<tt::MidEntry>::with_bytes(1 << 20).len(),
        1 << 15
    );
    assert_eq!(tt::Table::<tt::MidEntry>::with_bytes(0).len(), 1);
    let searcher = Searcher::new(DEFAULT_TT_BYTES);
    assert_eq!(
        searcher.memory_bytes(),
        DEFAULT_TT_BYTES / 2,
        "endgame table not yet allocated"
    );
}

#[test]
fn exact_solver_matches_brute_force_near_the_end() {
    // Many small positions, passes and early game ends included: the two-empty and last-empty
    // shortcuts, parity order and stability cutoffs all get exercised with every kind of window.
    let model = Model::new(1).unwrap();
    let mut searcher = Searcher::new(1 << 16);
    let mut passes = 0;
    for seed in 0..300u32 {
        let empties = 2 + seed % 6;
        let pos = random_position(seed + 1000, 60 - empties as usize);
        if pos.legal_moves() == 0 {
            continue;
        }
        passes +=
            u32::from(squares(pos.legal_moves()).any(|s| pos.play(usize::from(s)).must_pass()));
        let limits = SearchLimits::depth(1).with_exact_empties(60);
        let r = searcher.search(&model, &pos, &limits).unwrap();
        assert_eq!(r.score, f64::from(brute_force(&pos)), "seed {seed}");
        // And the best move by the spec's root order and selection rule.
        let (best, value) = reference_root(&model, &pos, 0, true);
        assert_eq!(
            (r.best_move, r.score),
            (i32::from(best), value),
            "seed {seed}"
        );
    }
    assert!(passes > 5, "the sample should contain passes ({passes})");
}
