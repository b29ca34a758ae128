//! The Othello League yardstick (Lucas & Runarsson 2006), as packages/trainer's `leagueScore` plays
//! it: the model 1-ply (the child whose static evaluation is best for the mover, ties to the lowest
//! square) against the 1-ply standard weighted piece counter, both sides playing a uniformly random
//! legal move with probability ε, colours alternating (the model is black in even games), win 1,
//! draw ½. Games are seeded by the evaluation seed alone, so every point of every run meets the
//! same stream of random decisions.

use prismind_engine::{squares, Color, Position, Rng};

/// The standard heuristic by rank (a1..h1 first); symmetric, so orientation does not matter.
const WPC: [[f64; 8]; 4] = [
    [1.00, -0.25, 0.10, 0.05, 0.05, 0.10, -0.25, 1.00],
    [-0.25, -0.25, 0.01, 0.01, 0.01, 0.01, -0.25, -0.25],
    [0.10, 0.01, 0.05, 0.02, 0.02, 0.05, 0.01, 0.10],
    [0.05, 0.01, 0.02, 0.01, 0.01, 0.02, 0.01, 0.05],
];

/// A finished game is worth its disc difference times this for the heuristic (any win first).
const WIN_SCALE: f64 = 1000.0;

pub struct LeagueResult {
    pub games: u32,
    pub wins: u32,
    pub draws: u32,
    /// Games the model lost with no disc left (a wipeout: the final score is -64).
    pub wiped_out: u32,
    /// Games the model lost that ended before the board was full (wipeouts included).
    pub lost_early: u32,
    pub score: f64,
    /// 95% Wilson interval of the score.
    pub low: f64,
    pub high: f64,
}

fn wpc_weight(square: u8) -> f64 {
    let (rank, file) = (usize::from(square / 8), usize::from(square % 8));
    WPC[rank.min(7 - rank)][file]
}

/// The heuristic's value of `position` for `color`: Σ weights of its discs minus the opponent's.
fn wpc_value(position: &Position, color: Color) -> f64 {
    let sum = |bits: u64| squares(bits).map(wpc_weight).sum::<f64>();
    color.sign() * (sum(position.black()) - sum(position.white()))
}

fn best_child(position: &Position, value_for_mover: impl Fn(&Position) -> f64) -> usize {
    let mut best = 0;
    let mut best_value = f64::NEG_INFINITY;
    for square in squares(position.legal_moves()) {
        let value = value_for_mover(&position.play(usize::from(square)));
        if value > best_value {
            best_value = value;
            best = usize::from(square);
        }
    }
    best
}

/// The learned player's evaluation (black's view, discs).
pub type Evaluate<'a> = &'a dyn Fn(&Position) -> f64;

pub fn model_move(evaluate: Evaluate<'_>, position: &Position) -> usize {
    let sign = position.side().sign();
    best_child(position, |child| sign * evaluate(child))
}

pub fn wpc_move(position: &Position, exact_end: bool) -> usize {
    let mover = position.side();
    best_child(position, |child| {
        if exact_end && child.is_game_over() {
            WIN_SCALE * mover.sign() * f64::from(child.final_score_black())
        } else {
            wpc_value(child, mover)
        }
    })
}

/// How the League is played: its ε, and two diagnostic departures from the product's protocol.
#[derive(Clone, Copy)]
pub struct Rules {
    pub games: u32,
    pub seed: u32,
    /// The probability of a random move, both sides (0.1 in the protocol).
    pub epsilon: f64,
    /// The model's own probability of a random move (league_model_eps=; = epsilon in the protocol):
    /// with 0 the score says how much of the loss comes from the model's forced random moves.
    pub model_epsilon: f64,
    /// wpc_end=exact (rounds 1-3): the heuristic scores a finished child by its final disc
    /// difference, first; wpc_end=static: by its table like any child, as packages/arena's
    /// `leagueScore` does (the product's yardstick), which scores a model about 0.005 higher.
    pub wpc_exact_end: bool,
}

/// The model's greedy move (1-ply in the protocol; a search in a diagnostic).
pub type Choose<'a> = &'a dyn Fn(&Position) -> usize;

/// The model's final score (its discs minus the opponent's) in league game `game`, and whether
/// the game ended before the board was full.
fn play(choose: Choose<'_>, opponent: Choose<'_>, rules: &Rules, game: u32) -> (i32, bool) {
    let model_color = if game % 2 == 0 {
        Color::Black
    } else {
        Color::White
    };
    let mut rng = Rng::for_game(rules.seed, u64::from(game));
    let mut position = Position::initial();
    while !position.is_game_over() {
        let moves = position.legal_moves();
        if moves == 0 {
            position = position.pass();
            continue;
        }
        let epsilon = if position.side() == model_color {
            rules.model_epsilon
        } else {
            rules.epsilon
        };
        let square = if rng.next_float() < epsilon {
            let pick = rng.next_int(moves.count_ones()) as usize;
            usize::from(squares(moves).nth(pick).expect("pick < count"))
        } else if position.side() == model_color {
            choose(&position)
        } else {
            opponent(&position)
        };
        position = position.play(square);
    }
    let score = model_color.sign() as i32 * position.final_score_black();
    (score, position.disc_count() < 64)
}

pub fn league_score(evaluate: Evaluate<'_>, rules: &Rules) -> LeagueResult {
    league_score_with(&|position| model_move(evaluate, position), rules)
}

/// The League with the model's greedy moves chosen by `choose` (the random moves as in the protocol).
pub fn league_score_with(choose: Choose<'_>, rules: &Rules) -> LeagueResult {
    match_score(
        choose,
        &|position| wpc_move(position, rules.wpc_exact_end),
        rules,
    )
}

/// The League's games with another opponent in the heuristic's place (its greedy moves chosen by
/// `opponent`, its random moves at the protocol's ε): a head-to-head diagnostic.
pub fn match_score(choose: Choose<'_>, opponent: Choose<'_>, rules: &Rules) -> LeagueResult {
    let (mut wins, mut draws, mut wiped_out, mut lost_early) = (0, 0, 0, 0);
    let games = rules.games;
    for game in 0..games {
        let (score, early) = play(choose, opponent, rules, game);
        wins += u32::from(score > 0);
        draws += u32::from(score == 0);
        wiped_out += u32::from(score == -64);
        lost_early += u32::from(score < 0 && early);
    }
    let n = f64::from(games);
    let score = (f64::from(wins) + f64::from(draws) / 2.0) / n;
    let (low, high) = wilson(score, n);
    LeagueResult {
        games,
        wins,
        draws,
        wiped_out,
        lost_early,
        score,
        low,
        high,
    }
}

fn wilson(p: f64, n: f64) -> (f64, f64) {
    let z2 = 1.96f64 * 1.96;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = (z2 * (p * (1.0 - p) / n + z2 / (4.0 * n * n))).sqrt() / (1.0 + z2 / n);
    (centre - half, centre + half)
}
