//! Engine benchmark: prints ONE JSON object to stdout (speed targets live here, not in tests).
//!
//! cargo run --release --example bench

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use prismind_engine::{
    evaluate, learn_from_game, perft, self_play_game, train, Model, Position, Rng, SearchLimits,
    Searcher, SelfPlaySearch, TdParams, TrainOptions, DEFAULT_TT_BYTES,
};

/// Seeded random play down to `empties` empties (None if the game ended or the side must pass).
fn random_position(seed: u32, empties: u32) -> Option<Position> {
    let mut rng = Rng::for_game(seed, 0);
    let mut pos = Position::initial();
    while pos.empty_count() > empties {
        if pos.is_game_over() {
            return None;
        }
        if pos.must_pass() {
            pos = pos.pass();
            continue;
        }
        let moves = pos.legal_move_list();
        pos = pos.play(usize::from(
            moves[rng.next_int(moves.len() as u32) as usize],
        ));
    }
    (pos.legal_moves() != 0).then_some(pos)
}

fn positions(empties: u32, count: usize) -> Vec<Position> {
    (1..)
        .filter_map(|seed| random_position(seed, empties))
        .take(count)
        .collect()
}

fn random_model(seed: u32) -> Model {
    let mut model = Model::default();
    let mut rng = Rng::for_game(seed, 0);
    for w in model.weights_mut() {
        *w = (rng.next_float() - 0.5) as f32;
    }
    model
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn bench_perft() -> String {
    let depth = 11;
    let start = Instant::now();
    let leaves = perft(Position::initial().board(), depth);
    let secs = start.elapsed().as_secs_f64();
    format!(
        "{{\"depth\":{depth},\"leaves\":{leaves},\"seconds\":{secs:.3},\"leaves_per_sec\":{:.0}}}",
        leaves as f64 / secs
    )
}

fn bench_eval(model: &Model) -> String {
    let sample: Vec<Position> = (10..=50)
        .step_by(4)
        .flat_map(|e| positions(e, 100))
        .collect();
    let rounds = 200;
    let start = Instant::now();
    let mut sink = 0.0;
    for _ in 0..rounds {
        for pos in &sample {
            sink += evaluate(model, pos);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let evals = (rounds * sample.len()) as f64;
    format!(
        "{{\"evaluations\":{evals},\"evals_per_sec\":{:.0},\"checksum\":{sink:.3}}}",
        evals / secs
    )
}

fn bench_search(model: &Model) -> String {
    let depth = 8;
    let mut searcher = Searcher::new(DEFAULT_TT_BYTES);
    let (mut nodes, mut ms) = (0u64, 0.0);
    for pos in positions(40, 4) {
        let r = searcher
            .search(model, &pos, &SearchLimits::depth(depth))
            .expect("valid limits");
        nodes += r.nodes;
        ms += r.time_ms;
    }
    format!(
        "{{\"depth\":{depth},\"positions\":4,\"nodes\":{nodes},\"ms\":{ms:.1},\"nodes_per_sec\":{:.0}}}",
        nodes as f64 / ms * 1000.0
    )
}

fn bench_train(depth: u32, threads: usize, games: u64) -> (String, f64) {
    let mut model = Model::default();
    let options = TrainOptions {
        games,
        threads,
        search: SelfPlaySearch {
            depth,
            ..SelfPlaySearch::default()
        },
        progress_every_games: 0,
        ..TrainOptions::default()
    };
    let stats =
        train(&mut model, &options, &AtomicBool::new(false), &|_| {}).expect("valid options");
    let rate = stats.games_completed as f64 / stats.seconds;
    let json = format!(
        "{{\"depth\":{depth},\"threads\":{threads},\"games\":{},\"seconds\":{:.3},\"games_per_sec\":{rate:.1},\
         \"update_us_per_game\":{:.1},\"update_lock_busy\":{:.3}}}",
        stats.games_completed,
        stats.seconds,
        stats.update_seconds * 1e6 / stats.games_completed as f64,
        stats.update_seconds / stats.seconds
    );
    (json, rate)
}

fn bench_td_update() -> (String, f64) {
    let model = Model::default();
    let games: Vec<Vec<i32>> = (0..1000)
        .map(|g| {
            let record = self_play_game(&model, 3, g, 0.1, &SelfPlaySearch::default())
                .expect("valid options");
            record.moves.iter().map(|&m| i32::from(m)).collect()
        })
        .collect();
    let mut learner = Model::default();
    let params = TdParams::default();
    let start = Instant::now();
    for moves in &games {
        learn_from_game(&mut learner, moves, &params).expect("a complete game");
    }
    let us = start.elapsed().as_secs_f64() * 1e6 / games.len() as f64;
    (
        format!("{{\"games\":{},\"us_per_game\":{us:.1}}}", games.len()),
        us,
    )
}

fn bench_endgame() -> String {
    let model = Model::new(1).expect("one stage");
    let mut searcher = Searcher::new(DEFAULT_TT_BYTES);
    let limits = SearchLimits::depth(1).with_exact_empties(20);
    let mut times = Vec::new();
    let mut nodes = 0u64;
    for pos in positions(20, 6) {
        let r = searcher
            .search(&model, &pos, &limits)
            .expect("valid limits");
        times.push(r.time_ms);
        nodes += r.nodes;
    }
    let total: f64 = times.iter().sum();
    let max = times.iter().copied().fold(0.0, f64::max);
    format!(
        "{{\"empties\":20,\"positions\":{},\"mean_ms\":{:.1},\"max_ms\":{max:.1},\"nodes_per_sec\":{:.0}}}",
        times.len(),
        total / times.len() as f64,
        nodes as f64 / total * 1000.0
    )
}

fn main() {
    let perft = bench_perft();
    let model = random_model(1);
    let eval = bench_eval(&model);
    let search = bench_search(&model);
    drop(model);
    let (d1t1, r11) = bench_train(1, 1, 2000);
    let (d1t2, r12) = bench_train(1, 2, 2000);
    let (d2t1, _) = bench_train(2, 1, 400);
    let (d2t2, _) = bench_train(2, 2, 400);
    let (td, td_us) = bench_td_update();
    let endgame = bench_endgame();
    let model_bytes = Model::default().memory_bytes();
    let searcher_bytes = Searcher::new(DEFAULT_TT_BYTES).memory_bytes();
    // Share of one core the serialized update takes at the 2-thread depth-1 rate: the ceiling on
    // what a lock-free (Hogwild) update could win back.
    let lock_share = r12 * td_us / 1e6;
    println!(
        "{{\"perft\":{perft},\"eval\":{eval},\"search\":{search},\"train\":[{d1t1},{d1t2},{d2t1},{d2t2}],\
         \"train_speedup_depth1_2_threads\":{:.2},\"td_update\":{td},\"update_lock_share_depth1_2_threads\":{lock_share:.3},\
         \"endgame\":{endgame},\"memory\":{{\"model_bytes\":{model_bytes},\"searcher_bytes\":{searcher_bytes},\
         \"peak_rss_kib\":{}}}}}",
        r12 / r11,
        peak_rss_kib()
    );
}
