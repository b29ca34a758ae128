//! Profiling helper: one depth-1 training batch, for `perf record` or `/usr/bin/time`.
//!
//! cargo run --release --example train_profile [games] [threads]

use std::sync::atomic::AtomicBool;

use prismind_engine::{train, Model, TrainOptions};

fn arg<T: std::str::FromStr>(n: usize, default: T) -> T {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let mut model = Model::default();
    let options = TrainOptions {
        games: arg(1, 20_000),
        threads: arg(2, 1),
        progress_every_games: 0,
        ..TrainOptions::default()
    };
    let stats =
        train(&mut model, &options, &AtomicBool::new(false), &|_| {}).expect("valid options");
    let per_game = |seconds: f64| seconds * 1e6 / stats.games_completed as f64;
    println!(
        "{} threads: {:.0} games/s, update {:.1} us/game, lock wait {:.1} us/game",
        options.threads,
        stats.games_completed as f64 / stats.seconds,
        per_game(stats.update_seconds),
        per_game(stats.lock_wait_seconds)
    );
}
