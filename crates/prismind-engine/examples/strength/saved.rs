//! Saved weight tables (save=, ensemble=): written after a run, scored later, alone or as the
//! mean of several, and with the League's diagnostic departures (league_depth, league_reply).

use std::cell::RefCell;

use prismind_engine::{Model, Position, SearchLimits, Searcher};

use crate::{common, league, Args};

/// save=FILE: the trained weights as little-endian f32, for ensemble= (a harness file, not a
/// checkpoint).
pub fn save_weights(model: &Model, file: &str) {
    let bytes: Vec<u8> = model
        .weights()
        .iter()
        .flat_map(|w| w.to_le_bytes())
        .collect();
    std::fs::write(file, bytes).expect("save= is writable");
}

/// league_reply= (diagnostic): how the League's model values a child through the opponent's replies.
struct Reply {
    /// min: the reply worst for the mover (depth 2); expect: the opponent's ε-greedy expectation;
    /// leaf: the child itself (1 ply, with `exact_end` applied); finish: the child itself unless a
    /// reply ends the game worse for the mover (1 ply plus exact knowledge of a one-move finish).
    rule: String,
    /// reply_eps: the opponent's ε in `expect`.
    opponent_eps: f64,
    /// reply_exact=1: a finished game is worth its final score, as in the engine's search, instead
    /// of the static evaluation that the protocol's 1-ply player reads.
    exact_end: bool,
    /// reply_empties=n: look at the replies only for children with at most n empty squares.
    near_end: u32,
}

impl Reply {
    fn from_args(args: &Args) -> Option<Reply> {
        args.optional::<String>("league_reply").map(|rule| Reply {
            rule,
            opponent_eps: args.get("reply_eps", 0.3),
            exact_end: args.get("reply_exact", 0u8) == 1,
            near_end: args.get("reply_empties", 60),
        })
    }

    fn leaf(&self, model: &Model, position: &Position) -> f64 {
        if self.exact_end && position.is_game_over() {
            f64::from(position.final_score_black())
        } else {
            model.evaluate(position)
        }
    }

    /// finish: the child's static value, unless a reply ends the game worse than that for the
    /// mover (a wipeout in the midgame): 1 ply plus exact knowledge of the one-move finish.
    fn leaf_or_finish(&self, model: &Model, child: &Position, moves: u64, sign: f64) -> f64 {
        let static_value = sign * model.evaluate(child);
        let worst_finish = prismind_engine::squares(moves)
            .map(|square| child.play(usize::from(square)))
            .filter(|reply| reply.is_game_over())
            .map(|reply| sign * f64::from(reply.final_score_black()))
            .fold(f64::NEG_INFINITY, f64::max);
        sign * static_value.max(worst_finish)
    }

    /// Black's value of `child`.
    fn value(&self, model: &Model, child: &Position) -> f64 {
        let moves = child.legal_moves();
        let empties = 64 - child.disc_count();
        if moves == 0 || self.rule == "leaf" || empties > self.near_end {
            return self.leaf(model, child);
        }
        let sign = child.side().sign();
        if self.rule == "finish" {
            return self.leaf_or_finish(model, child, moves, sign);
        }
        let values: Vec<f64> = prismind_engine::squares(moves)
            .map(|square| sign * self.leaf(model, &child.play(usize::from(square))))
            .collect();
        let best = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        sign * match self.rule.as_str() {
            "min" => best,
            "expect" => (1.0 - self.opponent_eps) * best + self.opponent_eps * mean,
            other => panic!("league_reply={other}: expected min, expect, leaf or finish"),
        }
    }
}

/// ensemble=FILE,FILE,...: the League score of saved weight tables (their mean when there are
/// several), played 1-ply as the protocol says or, as a diagnostic, with league_depth / league_reply.
pub fn score(args: &Args, files: &str, rules: &league::Rules) {
    let paths: Vec<&str> = files.split(',').collect();
    let model = mean_model(args.get("stages", 10), &paths);
    if let Some(opponent) = args.optional::<String>("opponent") {
        return duel(&model, &paths, &opponent, args, rules);
    }
    if let Some(set) = args.optional::<String>("endgame") {
        return endgame(&model, &paths, &set);
    }
    let r = league_of(args, &model, rules);
    println!(
        "{{\"ensemble\":{:?},\"score\":{:.4},\"low\":{:.4},\"high\":{:.4},\"eval_games\":{},\"wiped_out\":{},\"lost_early\":{}}}",
        paths, r.score, r.low, r.high, r.games, r.wiped_out, r.lost_early
    );
}

/// opponent=FILE (diagnostic): the saved tables' model against another saved table in the
/// heuristic's place, both 1-ply with the protocol's random moves: whether a League score above
/// another model's also means winning against that model.
fn duel(model: &Model, paths: &[&str], opponent: &str, args: &Args, rules: &league::Rules) {
    let other = load(args.get("stages", 10), opponent);
    let r = league::match_score(
        &|p| league::model_move(&|child| model.evaluate(child), p),
        &|p| league::model_move(&|child| other.evaluate(child), p),
        rules,
    );
    println!(
        "{{\"ensemble\":{:?},\"opponent\":{:?},\"score\":{:.4},\"low\":{:.4},\"high\":{:.4},\"eval_games\":{},\"wiped_out\":{}}}",
        paths, opponent, r.score, r.low, r.high, r.games, r.wiped_out
    );
}

/// endgame=FILE (the set of packages/arena/data, one position a line: 64 cells as X, O or -, the
/// side to move, its exact score, its best moves): the static evaluation's mean absolute error
/// from the mover's view and how often the 1-ply and depth-4 choices are a best move, as the
/// product's `endgameAccuracy` measures them.
fn endgame(model: &Model, paths: &[&str], set: &str) {
    let text = std::fs::read_to_string(set).expect("endgame= is readable");
    let mut searcher = Searcher::new(1 << 22);
    let (mut error, mut one_ply, mut depth4, mut n) = (0.0, 0u32, 0u32, 0u32);
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let (position, score, best) = endgame_line(line);
        let sign = position.side().sign();
        error += (sign * model.evaluate(&position) - f64::from(score)).abs();
        let greedy = league::model_move(&|p| model.evaluate(p), &position);
        one_ply += u32::from(best.contains(&greedy));
        let searched = searcher
            .search(model, &position, &SearchLimits::depth(4))
            .expect("valid limits");
        depth4 += u32::from(best.contains(&usize::try_from(searched.best_move).expect("a move")));
        n += 1;
    }
    let n_f = f64::from(n);
    println!(
        "{{\"ensemble\":{:?},\"positions\":{n},\"mae\":{:.3},\"one_ply_best\":{:.4},\"depth4_best\":{:.4}}}",
        paths,
        error / n_f,
        f64::from(one_ply) / n_f,
        f64::from(depth4) / n_f
    );
}

/// One line of the endgame set (`<64 squares> <X|O> <score> <best moves>`), read with the
/// integration tests' parser: the position, the mover's exact score and its best squares.
fn endgame_line(line: &str) -> (Position, i32, Vec<usize>) {
    let [board, side, score, best] = line.split(' ').collect::<Vec<_>>()[..] else {
        panic!("endgame line {line:?} does not have 4 fields");
    };
    let best = common::parse_squares(best).into_iter().map(usize::from);
    (
        common::parse_position(board, side),
        score.parse().expect("a score"),
        best.collect(),
    )
}

/// The mean of saved weight tables (stages as they were trained). A pattern model is linear in
/// its weights, so the mean of the tables evaluates every position at the mean of the models'
/// values: an ensemble with one model's cost.
fn mean_model(stages: u32, paths: &[&str]) -> Model {
    let mut model = Model::new(stages).expect("stages in 1..61");
    let share = 1.0 / paths.len() as f32;
    for path in paths {
        let bytes = std::fs::read(path).expect("ensemble files are readable");
        let weights = model.weights_mut();
        assert_eq!(
            bytes.len(),
            weights.len() * 4,
            "{path}: another stage count"
        );
        for (w, chunk) in weights.iter_mut().zip(bytes.chunks_exact(4)) {
            *w += share * f32::from_le_bytes(chunk.try_into().expect("4 bytes"));
        }
    }
    model
}

/// One saved weight table as a model.
pub fn load(stages: u32, path: &str) -> Model {
    mean_model(stages, &[path])
}

fn league_of(args: &Args, model: &Model, rules: &league::Rules) -> league::LeagueResult {
    // league_depth=d (diagnostic): the model's greedy moves come from a depth-d search instead of
    // 1 ply, to see how far better play (not a better table) lifts the score under forced random moves.
    let depth: u32 = args.get("league_depth", 1);
    let searcher = RefCell::new(Searcher::new(1 << 24));
    let limits = SearchLimits::depth(depth);
    // league_reply (see Reply): depth 2 taken apart, to tell which part of its gain is pessimism,
    // one more ply of values, or knowing a finished game's result.
    if let Some(reply) = Reply::from_args(args) {
        league::league_score(&|child| reply.value(model, child), rules)
    } else if depth > 1 {
        league::league_score_with(
            &|p| {
                let result = searcher
                    .borrow_mut()
                    .search(model, p, &limits)
                    .expect("valid limits");
                usize::try_from(result.best_move).expect("a legal move exists")
            },
            rules,
        )
    } else {
        league::league_score(&|p| model.evaluate(p), rules)
    }
}
