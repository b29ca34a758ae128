//! Research harness for playing strength (issue 11): train by self-play with the settings given on
//! the command line and measure the model on the Othello League yardstick at regular points, one
//! JSON line per point. Schedules are applied per chunk of games, the way the TypeScript manager can
//! pass different settings per batch.
//!
//! cargo run --release --example strength -- games=1000000 every=100000 lr=0.005 lr_end=0.0005 \
//!     lr_schedule=exp lambda=0.7 eps=0.1 stages=30 depth=1 exact=0 seed=1
//!
//! Keys (defaults): games (1000000), every (100000), chunk (10000 games per train() call), lr
//! (0.005), lr_end (= lr), lr_schedule (const | linear | exp), eps (0.1), eps_end (= eps),
//! eps_schedule (const | linear | exp), lambda (0.7), stages (30), depth (1), exact (0), seed (1),
//! eval_games (2000), eval_seed (20061), eval_eps (0.1), league_model_eps (= eval_eps), wpc_end
//! (exact | static: see league::Rules); avg_halflife (0 = off: else the League
//! also scores an exponential moving average of the weights, updated after every chunk, with this
//! half-life in games: a per-batch operation the manager could do); save (a file for the trained
//! weights); ensemble (FILE,FILE,...: no training, the League score of the saved tables' mean;
//! with league_depth=d > 1 the model's greedy moves come from a depth-d search, a diagnostic of how
//! much better play recovers under the same forced random moves; with opponent=FILE another saved
//! table plays in the heuristic's place, 1-ply, a head-to-head diagnostic; with endgame=FILE the
//! tables' accuracy on the solved endgame set instead); learner (engine | probe: see
//! probe.rs for its keys target, cut, offpolicy, target_eps, clip, win_bonus, terminal, grab, eps_spread,
//! role_eps, role_share, role_self, role_tables, heuristic_share, heuristic_eps, opt,
//! mobility, frontier, tempo, corners, corners_mover, discs, wipeout, distill, distill_children,
//! distill_eps, rank, rank_weight, rank_margin, rank_gap, net, net_lr, net_scale, decay,
//! snapshot_every, snapshot_share); init (a saved table
//! to start from instead of zeros, for either learner).

// The integration tests' readers of position lines and square names (the endgame set's format);
// its solver helpers go unused here.
#[allow(dead_code)]
#[path = "../../tests/common/mod.rs"]
mod common;
mod league;
mod net;
mod probe;
mod saved;

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use prismind_engine::{train, Model, SelfPlaySearch, TdParams, TrainOptions};

struct Args(HashMap<String, String>);

impl Args {
    fn parse() -> Args {
        let pairs = std::env::args()
            .skip(1)
            .map(|arg| match arg.split_once('=') {
                Some((key, value)) => (key.to_string(), value.to_string()),
                None => panic!("argument {arg:?} is not key=value"),
            });
        Args(pairs.collect())
    }

    fn get<T: std::str::FromStr>(&self, key: &str, default: T) -> T {
        self.optional(key).unwrap_or(default)
    }

    /// The value of `key` when it is given.
    fn optional<T: std::str::FromStr>(&self, key: &str) -> Option<T> {
        self.0.get(key).map(|text| {
            text.parse()
                .unwrap_or_else(|_| panic!("{key}={text} does not parse"))
        })
    }

    fn text(&self, key: &str, default: &str) -> String {
        self.get(key, default.to_string())
    }
}

/// A value that moves from `start` to `end` as training progresses (t = games done / budget).
struct Schedule {
    start: f64,
    end: f64,
    shape: String,
}

impl Schedule {
    fn from_args(args: &Args, key: &str, default: f64) -> Schedule {
        let start = args.get(key, default);
        Schedule {
            start,
            end: args.get(&format!("{key}_end"), start),
            shape: args.text(&format!("{key}_schedule"), "const"),
        }
    }

    fn at(&self, t: f64) -> f64 {
        match self.shape.as_str() {
            "const" => self.start,
            "linear" => self.start + (self.end - self.start) * t,
            "exp" => self.start * (self.end / self.start).powf(t),
            other => panic!("schedule {other:?}: expected const, linear or exp"),
        }
    }
}

enum Learner {
    Engine(Model),
    Probe(Box<probe::Probe>),
}

impl Learner {
    fn model(&self) -> &Model {
        match self {
            Learner::Engine(model) => model,
            Learner::Probe(probe) => &probe.model,
        }
    }

    /// The value the League plays with: the engine's evaluation, or the probe's (with its extras).
    fn evaluate(&self, position: &prismind_engine::Position) -> f64 {
        match self {
            Learner::Engine(model) => model.evaluate(position),
            Learner::Probe(probe) => probe.evaluate(position),
        }
    }
}

fn probe_from_args(args: &Args, model: Model) -> probe::Probe {
    let target = match args.text("target", "disc").as_str() {
        "disc" => probe::Target::Disc,
        "win" => probe::Target::Win,
        "sign" => probe::Target::Sign,
        other => panic!("target={other}: expected disc, win or sign"),
    };
    let optimizer = match args.text("opt", "lazy").as_str() {
        "lazy" => probe::Optimizer::LazyAdam,
        "count" => probe::Optimizer::CountAdam,
        "sgd" => probe::Optimizer::Sgd,
        other => panic!("opt={other}: expected lazy, count or sgd"),
    };
    let flag = |key: &str| args.get(key, 0u8) == 1;
    let count_kinds = [
        ("mobility", probe::CountKind::Mobility),
        ("frontier", probe::CountKind::Frontier),
        ("tempo", probe::CountKind::Tempo),
        ("corners", probe::CountKind::Corners),
        ("corners_mover", probe::CountKind::CornersMover),
        ("discs", probe::CountKind::Discs),
        ("wipeout", probe::CountKind::WipeoutThreat),
    ];
    let chosen: Vec<_> = count_kinds
        .into_iter()
        .filter(|(key, _)| flag(key))
        .collect();
    assert!(
        chosen.len() <= 1,
        "one count term at a time (mobility, frontier, tempo, corners, corners_mover, discs or wipeout)"
    );
    let count_term = !chosen.is_empty();
    let mut probe = probe::Probe::new(model, target, flag("cut"), optimizer, count_term);
    if let Some(&(_, kind)) = chosen.first() {
        probe.count_kind = kind;
    }
    probe.off_policy = args.optional("offpolicy");
    probe.clip = args.get("clip", f64::INFINITY);
    probe.win_bonus = args.get("win_bonus", 0.0);
    probe.terminal = flag("terminal");
    probe.decay = args.get("decay", 0.0);
    if let Some(file) = args.optional::<String>("distill") {
        let teacher = saved::load(probe.model.stages(), &file);
        probe.model.weights_mut().copy_from_slice(teacher.weights());
        probe.teacher = Some(teacher);
        probe.distill_children = flag("distill_children");
        probe.distill_eps = args.get("distill_eps", 0.0);
    }
    if let Some(teacher) = args.optional::<String>("rank") {
        let teacher = (teacher != "self").then(|| saved::load(probe.model.stages(), &teacher));
        probe.ranking = Some(probe::Ranking::new(
            teacher,
            args.get("rank_weight", 1.0),
            args.get("rank_margin", 2.0),
            args.get("rank_gap", 1.0),
        ));
    }
    let hidden: usize = args.get("net", 0);
    if hidden > 0 {
        probe.net = Some(net::Net::new(hidden, args.get("seed", 1)));
        probe.net_lr = args.get("net_lr", 0.001);
        probe.net_scale = args.optional("net_scale");
    }
    probe.grab = args.get("grab", 0.0);
    probe.target_eps = args.optional("target_eps");
    probe.eps_spread = args.get("eps_spread", 0.0);
    probe.heuristic_share = args.get("heuristic_share", 0.0);
    probe.heuristic_eps = args.get("heuristic_eps", 0.1);
    probe.role_eps = args.optional("role_eps");
    probe.role_share = args.get("role_share", 1.0);
    probe.role_self_eps = args.optional("role_self");
    if flag("role_tables") {
        probe.enable_role_tables();
    }
    let every: u64 = args.get("snapshot_every", 0);
    if every > 0 {
        assert!(
            !count_term,
            "snapshots keep no copy of the count term's weights"
        );
        probe.opponents = Some(probe::Opponents::new(
            every,
            args.get("snapshot_share", 0.5),
        ));
    }
    probe
}

fn league_rules(args: &Args) -> league::Rules {
    let epsilon = args.get("eval_eps", 0.1);
    league::Rules {
        games: args.get("eval_games", 2000),
        seed: args.get("eval_seed", 20061),
        epsilon,
        model_epsilon: args.get("league_model_eps", epsilon),
        wpc_exact_end: match args.text("wpc_end", "exact").as_str() {
            "exact" => true,
            "static" => false,
            other => panic!("wpc_end={other}: expected exact or static"),
        },
    }
}

fn main() {
    let args = Args::parse();
    let budget: u64 = args.get("games", 1_000_000);
    let every: u64 = args.get("every", 100_000);
    let chunk: u64 = args.get("chunk", 10_000);
    let lr = Schedule::from_args(&args, "lr", 0.005);
    let eps = Schedule::from_args(&args, "eps", 0.1);
    let lambda: f64 = args.get("lambda", 0.7);
    let search = SelfPlaySearch {
        depth: args.get("depth", 1),
        time_ms: None,
        exact_empties: args.get("exact", 0),
    };
    let seed: u32 = args.get("seed", 1);
    let rules = league_rules(&args);
    if let Some(files) = args.0.get("ensemble") {
        return saved::score(&args, files, &rules);
    }
    let stages = args.get("stages", 30);
    let model = match args.optional::<String>("init") {
        Some(file) => saved::load(stages, &file),
        None => Model::new(stages).expect("stages in 1..61"),
    };
    let mut learner = match args.text("learner", "engine").as_str() {
        "engine" => Learner::Engine(model),
        "probe" => Learner::Probe(Box::new(probe_from_args(&args, model))),
        other => panic!("learner={other}: expected engine or probe"),
    };
    println!("{{\"args\":{:?}}}", args.0);

    let halflife: f64 = args.get("avg_halflife", 0.0);
    let mut average: Option<Model> = (halflife > 0.0).then(|| learner.model().clone());
    let stop = AtomicBool::new(false);
    let mut seconds = 0.0;
    let mut done = 0u64;
    while done < budget {
        let t = done as f64 / budget as f64;
        let games = chunk.min(budget - done).min(every - done % every);
        let started = Instant::now();
        match &mut learner {
            Learner::Engine(model) => {
                let options = TrainOptions {
                    games,
                    seed,
                    epsilon: eps.at(t),
                    search,
                    learning: TdParams {
                        lambda,
                        learning_rate: lr.at(t),
                        ..TdParams::default()
                    },
                    progress_every_games: 0,
                    ..TrainOptions::default()
                };
                train(model, &options, &stop, &|_| {}).expect("valid options");
            }
            Learner::Probe(probe) => {
                for game in done..done + games {
                    probe.game(seed, game, eps.at(t), lambda, lr.at(t));
                }
            }
        }
        if let Some(average) = &mut average {
            let rate = 1.0 - 0.5f64.powf(games as f64 / halflife);
            let weights = learner.model().weights();
            for (a, &w) in average.weights_mut().iter_mut().zip(weights) {
                *a += (rate * f64::from(w - *a)) as f32;
            }
        }
        seconds += started.elapsed().as_secs_f64();
        done += games;
        if done % every == 0 || done == budget {
            let r = league::league_score(&|p| learner.evaluate(p), &rules);
            if let Learner::Probe(probe) = &learner {
                if let Some(ranking) = &probe.ranking {
                    eprintln!(
                        "rank: {} positions, {} pairs pushed apart",
                        ranking.positions, ranking.violations
                    );
                }
            }
            let averaged = average.as_ref().map_or(String::new(), |model| {
                let a = league::league_score(&|p| model.evaluate(p), &rules);
                format!(
                    ",\"avg_score\":{:.4},\"avg_low\":{:.4},\"avg_high\":{:.4}",
                    a.score, a.low, a.high
                )
            });
            println!(
                "{{\"games\":{done},\"minutes\":{:.2},\"score\":{:.4},\"low\":{:.4},\"high\":{:.4},\"eval_games\":{},\"wins\":{},\"draws\":{},\"wiped_out\":{},\"lr\":{:.6},\"eps\":{:.4}{averaged}}}",
                seconds / 60.0, r.score, r.low, r.high, r.games, r.wins, r.draws, r.wiped_out, lr.at(t), eps.at(t)
            );
        }
    }
    if let Some(file) = args.0.get("save") {
        saved::save_weights(learner.model(), file);
    }
}
