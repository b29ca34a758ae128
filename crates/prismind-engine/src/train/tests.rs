use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::*;
use crate::error::ErrorCode;
use crate::learn::{learn_from_game, self_play_game, SelfPlaySearch};

fn options(games: u64) -> TrainOptions {
    TrainOptions {
        games,
        seed: 42,
        tt_bytes: 1 << 16,
        ..TrainOptions::default()
    }
}

fn no_progress(_: &TrainProgress) {}

#[test]
fn one_thread_batch_is_the_spec_procedure() {
    // train() with one thread must equal: for each game number, self-play then learn_from_game.
    // The sampled games (every second one) are those games, move for move.
    let opts = TrainOptions {
        epsilon: 0.2,
        record_every: 2,
        ..options(6)
    };
    let mut trained = Model::new(30).unwrap();
    let stats = train(&mut trained, &opts, &AtomicBool::new(false), &no_progress).unwrap();
    assert_eq!(stats.games_completed, 6);
    assert!(!stats.stopped);

    let mut manual = Model::new(30).unwrap();
    let mut sampled = Vec::new();
    let mut td_errors = 0.0;
    for game in 0..6 {
        let record = self_play_game(&manual, 42, game, 0.2, &SelfPlaySearch::default()).unwrap();
        let moves: Vec<i32> = record.moves.iter().map(|&m| i32::from(m)).collect();
        td_errors += learn_from_game(&mut manual, &moves, &opts.learning)
            .unwrap()
            .mean_abs_error;
        if game % 2 == 0 {
            sampled.push(SampledGame {
                game,
                moves: record.moves,
                final_score: record.final_score,
            });
        }
    }
    assert_eq!(trained, manual);
    assert_eq!(stats.sampled_games, sampled);
    // The batch's TD error: the per-game means summed in game order, over the games learned.
    assert_eq!(stats.avg_td_error.to_bits(), (td_errors / 6.0).to_bits());
    assert!(stats.avg_td_error > 0.0);
    assert_eq!(trained.counters().games, 6);
    assert_eq!(trained.counters().step, 6);
}

#[test]
fn one_thread_is_deterministic_and_splits() {
    let mut a = Model::new(30).unwrap();
    let mut b = Model::new(30).unwrap();
    let mut c = Model::new(30).unwrap();
    let stop = AtomicBool::new(false);
    let sa = train(&mut a, &options(40), &stop, &no_progress).unwrap();
    train(&mut b, &options(40), &stop, &no_progress).unwrap();
    train(&mut c, &options(20), &stop, &no_progress).unwrap();
    train(&mut c, &options(20), &stop, &no_progress).unwrap();
    assert_eq!(a, b);
    assert_eq!(a, c);
    assert_eq!(sa.black_wins + sa.white_wins + sa.draws, 40);
    assert!(sa.moves_played >= 40 * 50);
    assert!(a.weights().iter().any(|&w| w != 0.0));
}

#[test]
fn several_threads_complete_the_batch() {
    let mut model = Model::new(30).unwrap();
    let opts = TrainOptions {
        threads: 2,
        ..options(100)
    };
    let stats = train(&mut model, &opts, &AtomicBool::new(false), &no_progress).unwrap();
    assert_eq!(stats.games_completed, 100);
    assert_eq!(stats.errors, 0);
    assert_eq!(model.counters().games, 100);
    assert_eq!(model.counters().step, 100);
    assert!(model.weights().iter().all(|w| w.is_finite()));
    assert!(stats.avg_td_error.is_finite() && stats.avg_td_error > 0.0);
}

#[test]
fn a_failing_game_does_not_poison_the_batch() {
    let mut model = Model::new(30).unwrap();
    let opts = TrainOptions {
        fail_games: vec![3, 7],
        ..options(10)
    };
    let stats = train(&mut model, &opts, &AtomicBool::new(false), &no_progress).unwrap();
    assert_eq!(stats.games_completed, 8);
    assert_eq!(stats.errors, 2);
    assert_eq!(stats.failures.len(), 2);
    assert_eq!(stats.failures[0].game, 3);
    assert_eq!(stats.failures[0].kind, "panic");
    assert!(stats.failures[0]
        .message
        .contains("injected failure in game 3"));
    assert!(!stats.stopped);
    // Failed numbers are used up, learned ones counted once.
    assert_eq!(model.counters().games, 10);
    assert_eq!(model.counters().step, 8);
}

#[test]
fn progress_is_reported_every_k_games() {
    let mut model = Model::new(30).unwrap();
    let seen = Mutex::new(Vec::new());
    let callback = |p: &TrainProgress| seen.lock().unwrap().push(*p);
    let opts = TrainOptions {
        progress_every_games: 3,
        ..options(10)
    };
    train(&mut model, &opts, &AtomicBool::new(false), &callback).unwrap();
    let seen = seen.into_inner().unwrap();
    let done: Vec<u64> = seen.iter().map(|p| p.games_done).collect();
    assert_eq!(done, vec![3, 6, 9]);
    let last = seen[2];
    assert_eq!(last.games_target, 10);
    assert_eq!(last.black_wins + last.white_wins + last.draws, 9);
}

#[test]
fn stop_is_honoured_quickly_and_abandons_games_in_flight() {
    for threads in [1, 2] {
        let mut model = Model::new(30).unwrap();
        let stop = AtomicBool::new(false);
        let stopped_at = AtomicU64::new(0);
        let opts = TrainOptions {
            threads,
            search: SelfPlaySearch {
                depth: 4,
                ..SelfPlaySearch::default()
            },
            ..options(1_000_000)
        };
        let start = Instant::now();
        let stats = std::thread::scope(|s| {
            s.spawn(|| {
                std::thread::sleep(Duration::from_millis(150));
                stopped_at.store(start.elapsed().as_micros() as u64, Ordering::SeqCst);
                stop.store(true, Ordering::SeqCst);
            });
            train(&mut model, &opts, &stop, &no_progress).unwrap()
        });
        let latency_ms =
            (start.elapsed().as_micros() as u64 - stopped_at.load(Ordering::SeqCst)) / 1000;
        assert!(
            latency_ms < 100,
            "stop took {latency_ms} ms with {threads} threads"
        );
        assert!(stats.stopped);
        assert_eq!(model.counters().games, stats.games_completed);
        assert_eq!(model.counters().step, stats.games_completed);
    }
}

#[test]
fn stopped_then_resumed_equals_uninterrupted() {
    // One thread: the abandoned game is replayed by the next batch, so the model is the same.
    let mut straight = Model::new(30).unwrap();
    train(
        &mut straight,
        &options(30),
        &AtomicBool::new(false),
        &no_progress,
    )
    .unwrap();

    let mut resumed = Model::new(30).unwrap();
    let stop = AtomicBool::new(false);
    let stop_after = |p: &TrainProgress| {
        if p.games_done == 11 {
            stop.store(true, Ordering::SeqCst);
        }
    };
    let opts = TrainOptions {
        progress_every_games: 1,
        ..options(30)
    };
    let first = train(&mut resumed, &opts, &stop, &stop_after).unwrap();
    assert!(first.stopped);
    assert_eq!(first.games_completed, 11);
    let rest = 30 - resumed.counters().games;
    train(
        &mut resumed,
        &options(rest),
        &AtomicBool::new(false),
        &no_progress,
    )
    .unwrap();
    assert_eq!(resumed, straight);
}

#[test]
fn options_are_validated() {
    let mut model = Model::new(1).unwrap();
    let stop = AtomicBool::new(false);
    let bad = [
        options(0),
        TrainOptions {
            threads: 0,
            ..options(1)
        },
        TrainOptions {
            epsilon: -0.1,
            ..options(1)
        },
        TrainOptions {
            epsilon: f64::NAN,
            ..options(1)
        },
        TrainOptions {
            search: SelfPlaySearch {
                depth: 0,
                ..SelfPlaySearch::default()
            },
            ..options(1)
        },
    ];
    for opts in bad {
        let e = train(&mut model, &opts, &stop, &no_progress).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidOptions, "{opts:?}");
    }
    assert_eq!(model, Model::new(1).unwrap());
}
