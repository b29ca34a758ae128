//! A second, deliberately plain learner for probing algorithm changes before anyone ports them to
//! the engines (learner=probe). With its defaults it follows docs/engine-spec.md's self-play game
//! and TD(λ) update at depth 1 (ε-greedy on the child values, offline λ-returns with the weights
//! at the end of the game, lazy Adam); each key below changes one thing:
//!
//! target=disc|win|sign  the final disc difference; tanh(Σ weights) toward sign(z) (win/loss/draw);
//!                   or the plain sum toward sign(z) (the win target without the squashing)
//! cut=0|1           1: no update for a position whose move was random, and no λ-tail across it
//! opt=lazy|count|sgd lazy Adam (bias correction by the global step, as the engines), Adam with a
//!                   per-weight step count, or plain SGD scaled by lr / 46
//! sym=0|1           1: a configuration and its mirror image within the same instance (the shapes
//!                   the pattern set keeps 4 or 2 instances of, as the other images are the same
//!                   squares in another order) learn together: every update also goes to the
//!                   mirrored index, as if the game were learned from all 8 symmetric images

use prismind_engine::{
    squares, stage_of, symmetry_square, Features, Model, Position, Rng, FEATURES, FEATURE_COUNT,
    SHAPES, SHAPE_OFFSETS, WEIGHTS_PER_STAGE,
};

#[derive(Clone, Copy, PartialEq)]
pub enum Target {
    Disc,
    Win,
    Sign,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Optimizer {
    LazyAdam,
    CountAdam,
    Sgd,
}

pub struct Probe {
    pub model: Model,
    adam_m: Vec<f32>,
    adam_v: Vec<f32>,
    counts: Vec<u32>,
    step: i32,
    target: Target,
    cut: bool,
    optimizer: Optimizer,
    /// For each offset within a stage, the offset of the mirrored configuration (sym=1), else empty.
    mirror: Vec<u32>,
}

type Offsets = [u32; FEATURE_COUNT];

const BETA1: f64 = 0.9;
const BETA2: f64 = 0.999;

impl Probe {
    pub fn new(model: Model, target: Target, cut: bool, optimizer: Optimizer, sym: bool) -> Probe {
        let len = model.weights().len();
        let mirror = if sym { mirror_table() } else { Vec::new() };
        Probe {
            model,
            adam_m: vec![0.0; len],
            adam_v: vec![0.0; len],
            counts: vec![0; len],
            step: 0,
            target,
            cut,
            optimizer,
            mirror,
        }
    }

    fn offsets(&self, position: &Position, features: &Features) -> Offsets {
        let base =
            stage_of(position.disc_count(), self.model.stages()) as usize * WEIGHTS_PER_STAGE;
        std::array::from_fn(|f| {
            let shape = usize::from(FEATURES[f].shape);
            (base + SHAPE_OFFSETS[shape] + usize::from(features.indices[f])) as u32
        })
    }

    fn sum(&self, offsets: &Offsets) -> f64 {
        let w = self.model.weights();
        offsets.iter().map(|&o| f64::from(w[o as usize])).sum()
    }

    /// The value in target units: discs, or tanh for the win target.
    fn squash(&self, sum: f64) -> f64 {
        match self.target {
            Target::Disc | Target::Sign => sum,
            Target::Win => sum.tanh(),
        }
    }

    fn outcome(&self, final_score_black: i32) -> f64 {
        match self.target {
            Target::Disc => f64::from(final_score_black),
            Target::Win | Target::Sign => f64::from(final_score_black.signum()),
        }
    }

    /// Black's value of a child in target units; a finished game is its outcome.
    fn child_value(&self, child: &Position, features: &Features) -> f64 {
        if child.is_game_over() {
            self.outcome(child.final_score_black())
        } else {
            self.squash(self.sum(&self.offsets(child, features)))
        }
    }

    pub fn game(&mut self, seed: u32, game: u64, epsilon: f64, lambda: f64, lr: f64) {
        let mut rng = Rng::for_game(seed, game);
        let mut position = Position::initial();
        let mut recorded: Vec<(Offsets, bool)> = Vec::with_capacity(60);
        while !position.is_game_over() {
            let moves = position.legal_moves();
            if moves == 0 {
                position = position.pass();
                continue;
            }
            let explore = rng.next_float() < epsilon;
            let features = Features::of(&position);
            recorded.push((self.offsets(&position, &features), explore));
            let square = if explore {
                let pick = rng.next_int(moves.count_ones()) as usize;
                squares(moves).nth(pick).expect("pick < count")
            } else {
                let sign = position.side().sign();
                let mut best = (f64::NEG_INFINITY, 0);
                for square in squares(moves) {
                    let square_index = usize::from(square);
                    let flipped = position.board().flips(square_index);
                    let after = features.after_move(position.side(), square_index, flipped);
                    let value = sign * self.child_value(&position.play(square_index), &after);
                    if value > best.0 {
                        best = (value, square);
                    }
                }
                best.1
            };
            position = position.play(usize::from(square));
        }
        let z = self.outcome(position.final_score_black());
        self.learn(&recorded, z, lambda, lr);
    }

    fn learn(&mut self, recorded: &[(Offsets, bool)], z: f64, lambda: f64, lr: f64) {
        let sums: Vec<f64> = recorded.iter().map(|(o, _)| self.sum(o)).collect();
        let values: Vec<f64> = sums.iter().map(|&s| self.squash(s)).collect();
        let t = values.len();
        let mut errors = vec![0.0; t];
        let mut next: Option<(f64, f64)> = None; // (V_{k+1}, E_{k+1}), None after the last
        for k in (0..t).rev() {
            let error = match next {
                None => z - values[k],
                Some((v, e)) => v - values[k] + lambda * e,
            };
            let explored = self.cut && recorded[k].1;
            errors[k] = if explored { 0.0 } else { error };
            // A random move breaks the chain: the position before it learns a one-step target.
            next = Some((values[k], if explored { 0.0 } else { error }));
        }
        let mut terms: Vec<(u32, f64)> = Vec::with_capacity(t * FEATURE_COUNT);
        for (k, (offsets, _)) in recorded.iter().enumerate() {
            let slope = match self.target {
                Target::Disc | Target::Sign => 1.0,
                Target::Win => 1.0 - values[k] * values[k],
            };
            let g = -errors[k] * slope;
            if g != 0.0 {
                terms.extend(offsets.iter().map(|&o| (o, g)));
                if !self.mirror.is_empty() {
                    terms.extend(offsets.iter().map(|&o| (self.mirrored(o), g)));
                }
            }
        }
        terms.sort_unstable_by_key(|&(o, _)| o);
        self.step += 1;
        let mut i = 0;
        while i < terms.len() {
            let offset = terms[i].0;
            let mut g = 0.0;
            while i < terms.len() && terms[i].0 == offset {
                g += terms[i].1;
                i += 1;
            }
            self.apply(offset as usize, g, lr);
        }
    }

    fn mirrored(&self, offset: u32) -> u32 {
        let per_stage = WEIGHTS_PER_STAGE as u32;
        offset - offset % per_stage + self.mirror[(offset % per_stage) as usize]
    }

    fn apply(&mut self, i: usize, g: f64, lr: f64) {
        let w = &mut self.model.weights_mut()[i];
        if self.optimizer == Optimizer::Sgd {
            *w = (f64::from(*w) - lr / FEATURE_COUNT as f64 * g) as f32;
            return;
        }
        let m = BETA1 * f64::from(self.adam_m[i]) + (1.0 - BETA1) * g;
        let v = BETA2 * f64::from(self.adam_v[i]) + (1.0 - BETA2) * g * g;
        self.adam_m[i] = m as f32;
        self.adam_v[i] = v as f32;
        let steps = match self.optimizer {
            Optimizer::CountAdam => {
                self.counts[i] += 1;
                self.counts[i] as i32
            }
            _ => self.step,
        };
        let m_hat = m / (1.0 - BETA1.powi(steps));
        let v_hat = v / (1.0 - BETA2.powi(steps));
        *w = (f64::from(*w) - lr * m_hat / (v_hat.sqrt() + 1e-8)) as f32;
    }
}

/// Per stage offset -> offset of the configuration seen through the symmetry that maps the shape's
/// base onto the same squares in another order (identity for shapes without one).
fn mirror_table() -> Vec<u32> {
    let mut table: Vec<u32> = (0..WEIGHTS_PER_STAGE as u32).collect();
    for (shape, info) in SHAPES.iter().enumerate() {
        let base = info.base;
        let len = base.len();
        let position_of = |q: u8| base.iter().position(|&b| b == q);
        // Digit i (square base[i]) moves to the digit of the square it maps to; the first symmetry
        // that keeps the set and moves some digit.
        let Some(to) = (1..8u8).find_map(|k| {
            let to: Option<Vec<usize>> = base
                .iter()
                .map(|&q| position_of(symmetry_square(k, q)))
                .collect();
            to.filter(|to| to.iter().enumerate().any(|(i, &j)| i != j))
        }) else {
            continue;
        };
        let power = |i: usize| 3u32.pow((len - 1 - i) as u32);
        for index in 0..3u32.pow(len as u32) {
            let mirrored: u32 = (0..len)
                .map(|i| (index / power(i) % 3) * power(to[i]))
                .sum();
            table[SHAPE_OFFSETS[shape] + index as usize] = SHAPE_OFFSETS[shape] as u32 + mirrored;
        }
    }
    table
}
