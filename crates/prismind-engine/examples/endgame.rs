//! Timing sanity for the exact solver: a few 20-empty positions from seeded random play, solved
//! with a zero model (the root order then depends on squares only). Prints, asserts nothing.
//!
//! cargo run --release --example endgame [empties]

mod common;

use common::{play_to_empties, random_move};
use prismind_engine::{Model, Position, Rng, SearchLimits, Searcher};

fn random_position(seed: u32, empties: u32) -> Option<Position> {
    let mut rng = Rng::for_game(seed, 0);
    play_to_empties(empties, |pos| random_move(pos, &mut rng))
}

fn main() {
    let empties: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let model = Model::new(1).expect("one stage is valid");
    let mut searcher = Searcher::default();
    let limits = SearchLimits::depth(1).with_exact_empties(empties);
    let mut total_ms = 0.0;
    let mut solved = 0;
    for seed in 1..=20u32 {
        let Some(pos) = random_position(seed, empties) else {
            continue;
        };
        let r = searcher
            .search(&model, &pos, &limits)
            .expect("valid limits");
        println!(
            "seed {seed:2}: {} empties, best {:2}, score {:+3}, {:>11} nodes, {:8.1} ms ({:.1} Mn/s)",
            r.depth,
            r.best_move,
            r.score,
            r.nodes,
            r.time_ms,
            r.nodes as f64 / r.time_ms / 1000.0
        );
        total_ms += r.time_ms;
        solved += 1;
        if solved == 6 {
            break;
        }
    }
    println!(
        "mean {:.1} ms over {solved} positions",
        total_ms / f64::from(solved)
    );
}
