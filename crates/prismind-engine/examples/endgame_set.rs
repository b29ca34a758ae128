//! Generates the endgame accuracy set (packages/arena/data/README.md): positions with 14..24
//! empties from seeded games of varied simple players, each labelled by the exact solver with its
//! score and every best move. Deterministic from the seed; one position a line on stdout, progress
//! on stderr.
//!
//! cargo run --release --example endgame_set -- [seed] [empties:count,...] > endgame-set.txt

use std::collections::HashSet;
use std::io::Write;
use std::time::Instant;

mod common;

use common::{play_to_empties, random_move};
use prismind_engine::{square_name, Color, Model, Position, Rng, SearchLimits, Searcher};

const DEFAULT_SEED: u32 = 2026;
/// Positions per number of empties: many where a solve is cheap, few where it takes seconds.
/// (Labelling costs 2-3 times more per extra empty: ~0.03 s of CPU at 14, minutes at 24.)
const DEFAULT_COUNTS: &str = "14:600,15:600,16:400,17:250,18:100,19:30,20:12,21:6,22:3,23:2,24:1";
/// Probability that the weighted-piece-counter player plays a uniformly random move instead.
const EPSILON: f64 = 0.1;
/// Game numbers reserved for each number of empties (far more than any group plays).
const GAMES_PER_EMPTIES: u64 = 10_000_000;
/// Endgame table budget: larger than the default, the 22..24-empty solves revisit many positions.
const TT_BYTES: usize = 64 << 20;

/// A classic weighted piece counter: corners good, the squares next to them bad (row-major a1..h8).
/// The same table as @prismind/arena's TEXTBOOK_WPC (another language, so written here again);
/// the set's positions depend on it, so it must not change.
#[rustfmt::skip]
const SQUARE_WEIGHTS: [i32; 64] = [
    100, -20, 10,  5,  5, 10, -20, 100,
    -20, -50, -2, -2, -2, -2, -50, -20,
     10,  -2, -1, -1, -1, -1,  -2,  10,
      5,  -2, -1, -1, -1, -1,  -2,   5,
      5,  -2, -1, -1, -1, -1,  -2,   5,
     10,  -2, -1, -1, -1, -1,  -2,  10,
    -20, -50, -2, -2, -2, -2, -50, -20,
    100, -20, 10,  5,  5, 10, -20, 100,
];

/// The players a side of a game can be; each game draws one per side.
#[derive(Clone, Copy, Debug)]
enum Player {
    Random,
    /// The move that leaves the most own discs (ties at random).
    Greedy,
    /// One ply of SQUARE_WEIGHTS, with an EPSILON chance of a random move.
    Weighted,
}

const PLAYERS: [Player; 3] = [Player::Random, Player::Greedy, Player::Weighted];

/// The moves with the highest `score`, one of them at random.
fn pick_best(moves: &[u8], rng: &mut Rng, score: impl Fn(u8) -> i32) -> u8 {
    let best = moves.iter().map(|&m| score(m)).max().expect("a legal move");
    let tied: Vec<u8> = moves
        .iter()
        .copied()
        .filter(|&m| score(m) == best)
        .collect();
    tied[rng.next_int(tied.len() as u32) as usize]
}

fn own_discs(pos: &Position, side: Color) -> u64 {
    match side {
        Color::Black => pos.black(),
        Color::White => pos.white(),
    }
}

fn weighted_value(pos: &Position, side: Color) -> i32 {
    let (own, theirs) = (own_discs(pos, side), own_discs(pos, side.opponent()));
    (0..64)
        .map(|s| {
            let bit = 1u64 << s;
            SQUARE_WEIGHTS[s] * (i32::from(own & bit != 0) - i32::from(theirs & bit != 0))
        })
        .sum()
}

fn choose(player: Player, pos: &Position, rng: &mut Rng) -> u8 {
    let moves = pos.legal_move_list();
    let side = pos.side();
    let after = |m: u8| pos.play(usize::from(m));
    match player {
        Player::Random => random_move(pos, rng),
        Player::Greedy => pick_best(&moves, rng, |m| {
            own_discs(&after(m), side).count_ones() as i32
        }),
        Player::Weighted if rng.next_float() < EPSILON => random_move(pos, rng),
        Player::Weighted => pick_best(&moves, rng, |m| weighted_value(&after(m), side)),
    }
}

/// Games for different numbers of empties never share a number (a game's generator depends on the
/// low 32 bits only), so each group of the file depends only on the seed, its empties and its count,
/// and no group holds the continuations of another's games.
fn game_number(empties: u32, index: u64) -> u64 {
    u64::from(empties) * GAMES_PER_EMPTIES + index
}

/// Game `game` of the seed played to `empties` empties (see `play_to_empties`).
fn sample_position(seed: u32, game: u64, empties: u32) -> Option<Position> {
    let mut rng = Rng::for_game(seed, game);
    let black = PLAYERS[rng.next_int(3) as usize];
    let white = PLAYERS[rng.next_int(3) as usize];
    play_to_empties(empties, |pos| {
        let player = if pos.side() == Color::Black {
            black
        } else {
            white
        };
        choose(player, pos, &mut rng)
    })
}

/// The same key for all 8 symmetric images of a position (and the same side to move).
fn canonical_key(pos: &Position) -> (u64, u64, bool) {
    let image = (0..8)
        .map(|k| pos.symmetry(k))
        .map(|p| (p.black(), p.white()))
        .min()
        .expect("8 symmetries");
    (image.0, image.1, pos.side() == Color::Black)
}

/// Exact score (side to move's view) and every move that reaches it, by solving each child.
fn label(searcher: &mut Searcher, model: &Model, pos: &Position) -> (i32, Vec<u8>) {
    let limits = SearchLimits::depth(1).with_exact_empties(pos.empty_count());
    let values: Vec<(u8, i32)> = pos
        .legal_move_list()
        .into_iter()
        .map(|m| {
            let r = searcher
                .search(model, &pos.play(usize::from(m)), &limits)
                .expect("valid limits");
            assert!(r.exact, "an unlimited solve is exact");
            (m, -(r.score as i32))
        })
        .collect();
    let score = values.iter().map(|v| v.1).max().expect("a legal move");
    let best = values
        .iter()
        .filter(|v| v.1 == score)
        .map(|v| v.0)
        .collect();
    (score, best)
}

fn obf_board(pos: &Position) -> String {
    pos.to_cells()
        .iter()
        .map(|&c| ['-', 'X', 'O'][usize::from(c)])
        .collect()
}

fn parse_counts(spec: &str) -> Vec<(u32, usize)> {
    spec.split(',')
        .map(|item| {
            let (e, n) = item
                .split_once(':')
                .expect("counts look like 14:300,15:300");
            (e.parse().expect("empties"), n.parse().expect("count"))
        })
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let seed: u32 = args
        .next()
        .map_or(DEFAULT_SEED, |a| a.parse().expect("seed"));
    let counts = parse_counts(&args.next().unwrap_or_else(|| DEFAULT_COUNTS.into()));
    let model = Model::new(1).expect("one stage is valid");
    let mut searcher = Searcher::new(TT_BYTES);
    let mut seen = HashSet::new();
    let mut out = std::io::stdout().lock();
    let all = Instant::now();
    for (empties, count) in counts {
        let start = Instant::now();
        let (mut found, mut games) = (0, 0);
        while found < count {
            assert!(
                games < GAMES_PER_EMPTIES,
                "{empties} empties: ran out of games"
            );
            let sampled = sample_position(seed, game_number(empties, games), empties);
            games += 1;
            let Some(pos) = sampled.filter(|p| seen.insert(canonical_key(p))) else {
                continue;
            };
            let (score, best) = label(&mut searcher, &model, &pos);
            let moves: Vec<String> = best.into_iter().map(square_name).collect();
            let side = if pos.side() == Color::Black { 'X' } else { 'O' };
            writeln!(
                out,
                "{} {side} {score} {}",
                obf_board(&pos),
                moves.join(",")
            )
            .expect("stdout");
            found += 1;
        }
        out.flush().expect("stdout");
        eprintln!(
            "{empties} empties: {count} positions from {games} games in {:.1} s ({:.3} s each)",
            start.elapsed().as_secs_f64(),
            start.elapsed().as_secs_f64() / count.max(1) as f64
        );
    }
    eprintln!("total {:.1} s", all.elapsed().as_secs_f64());
}
