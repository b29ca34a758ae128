//! Does self-play learning learn? After a few thousand seeded games at depth 1, the model must beat
//! a uniformly random player and the untrained (all-zero) model, and training must be reproducible.
//! Runs in seconds because the workspace optimises test builds (root Cargo.toml).

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use prismind_engine::{
    train, Color, Model, Position, Rng, SearchLimits, Searcher, TdParams, TrainOptions,
};

const TRAINING_GAMES: u64 = 5000;
/// Four times the default: the defaults suit million-game runs, a 5,000-game test wants progress
/// sooner. (With the default 0.005 the same bar needs about 16,000 games.)
const LEARNING_RATE: f64 = 0.02;

fn trained_model(seed: u32) -> Model {
    let mut model = Model::default();
    let options = TrainOptions {
        games: TRAINING_GAMES,
        seed,
        learning: TdParams {
            learning_rate: LEARNING_RATE,
            ..TdParams::default()
        },
        progress_every_games: 0,
        ..TrainOptions::default()
    };
    let stats = train(&mut model, &options, &AtomicBool::new(false), &|_| {}).unwrap();
    assert_eq!(stats.games_completed, TRAINING_GAMES);
    assert_eq!(stats.resets, 0);
    model
}

/// A player: picks a move in a position with at least one legal move.
trait Player {
    fn choose(&mut self, pos: &Position) -> usize;
}

struct Searching<'m> {
    model: &'m Model,
    searcher: Searcher,
}

impl Player for Searching<'_> {
    fn choose(&mut self, pos: &Position) -> usize {
        let r = self
            .searcher
            .search(self.model, pos, &SearchLimits::depth(1))
            .unwrap();
        r.best_move as usize
    }
}

struct Random(Rng);

impl Player for Random {
    fn choose(&mut self, pos: &Position) -> usize {
        let moves = pos.legal_move_list();
        usize::from(moves[self.0.next_int(moves.len() as u32) as usize])
    }
}

/// Plays from `start`; returns the final score, black minus white.
fn play(start: Position, black: &mut dyn Player, white: &mut dyn Player) -> i32 {
    let mut pos = start;
    while !pos.is_game_over() {
        if pos.must_pass() {
            pos = pos.pass();
            continue;
        }
        let square = match pos.side() {
            Color::Black => black.choose(&pos),
            Color::White => white.choose(&pos),
        };
        assert!(pos.is_legal(square));
        pos = pos.play(square);
    }
    pos.final_score_black()
}

/// `games` games alternating colours; openings of `random_plies` random moves make them differ.
/// Returns the trained side's wins.
fn match_wins(
    trained: &mut dyn Player,
    opponent: &mut dyn Player,
    games: u32,
    random_plies: usize,
) -> u32 {
    let mut wins = 0;
    for g in 0..games {
        let mut start = Position::initial();
        let mut opener = Random(Rng::for_game(7, u64::from(g)));
        for _ in 0..random_plies {
            if !start.is_game_over() && !start.must_pass() {
                start = start.play(opener.choose(&start));
            }
        }
        let trained_is_black = g % 2 == 0;
        let score = if trained_is_black {
            play(start, trained, opponent)
        } else {
            -play(start, opponent, trained)
        };
        if score > 0 {
            wins += 1;
        }
    }
    wins
}

#[test]
fn learns_to_beat_random_and_untrained_and_is_reproducible() {
    let t = Instant::now();
    let model = trained_model(2024);
    let train_secs = t.elapsed().as_secs_f64();

    let mut trained = Searching {
        model: &model,
        searcher: Searcher::new(1 << 16),
    };
    let mut random = Random(Rng::for_game(99, 0));
    let vs_random = match_wins(&mut trained, &mut random, 200, 0);

    let zero = Model::default();
    let mut untrained = Searching {
        model: &zero,
        searcher: Searcher::new(1 << 16),
    };
    let vs_untrained = match_wins(&mut trained, &mut untrained, 100, 4);

    let again = trained_model(2024);
    eprintln!(
        "{TRAINING_GAMES} games in {train_secs:.2}s; vs random {vs_random}/200, vs untrained {vs_untrained}/100"
    );
    assert!(vs_random >= 180, "won {vs_random} of 200 against random");
    assert!(
        vs_untrained >= 70,
        "won {vs_untrained} of 100 against the untrained model"
    );
    assert!(
        model.weights() == again.weights(),
        "same seed, same weights"
    );
    assert!(model == again);
}
