//! Profiling helper: a single-threaded depth-1 batch (run under `perf record`).
use prismind_engine::{train, Model, TrainOptions};
use std::sync::atomic::AtomicBool;
fn main() {
    let games: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20000);
    let mut model = Model::default();
    let options = TrainOptions {
        games,
        progress_every_games: 0,
        ..TrainOptions::default()
    };
    let stats = train(&mut model, &options, &AtomicBool::new(false), &|_| {}).unwrap();
    println!(
        "{:.0} games/s, update {:.1} us/game",
        stats.games_completed as f64 / stats.seconds,
        stats.update_seconds * 1e6 / stats.games_completed as f64
    );
}
