//! A small non-linear value beside the patterns (net=H in the probe): one hidden layer of H ReLU
//! units over sparse board inputs seen by the side to move, so the value can hold interactions that
//! a sum of pattern weights cannot — which discs the next move can flip, whether any would be left.
//!
//! Inputs (the mover's view, so that a position with colours swapped reads the same and the colour
//! tie of the patterns holds): the mover's discs, the other side's discs, the mover's legal moves,
//! the other side's discs that some legal move of the mover flips, and the number of empty squares
//! in ten buckets. The output is the mover's value in discs; black's value is its sign times it.

use prismind_engine::{flips, legal_moves, squares, Color, Position, Rng};

const BOARD: usize = 64;
const EMPTY_BUCKETS: usize = 10;
const INPUTS: usize = 4 * BOARD + EMPTY_BUCKETS;
const BETA1: f64 = 0.9;
const BETA2: f64 = 0.999;

/// The active inputs of a position (every input is 0 or 1).
pub type Active = Vec<u16>;

pub struct Net {
    hidden: usize,
    /// INPUTS × hidden, then hidden biases, then hidden output weights, then the output bias.
    params: Vec<f32>,
    adam_m: Vec<f32>,
    adam_v: Vec<f32>,
    grad: Vec<f64>,
    step: i32,
}

impl Net {
    /// Hidden weights drawn uniformly from ±1/√(active inputs) (about 40 are on), output weights 0,
    /// so an untrained net adds nothing to the patterns' value.
    pub fn new(hidden: usize, seed: u32) -> Net {
        let len = INPUTS * hidden + 2 * hidden + 1;
        let mut rng = Rng::for_game(seed ^ 0x6e65_7431, 0);
        let scale = 1.0 / 40f64.sqrt();
        let mut params = vec![0.0f32; len];
        for w in &mut params[..INPUTS * hidden] {
            *w = ((2.0 * rng.next_float() - 1.0) * scale) as f32;
        }
        Net {
            hidden,
            params,
            adam_m: vec![0.0; len],
            adam_v: vec![0.0; len],
            grad: vec![0.0; len],
            step: 0,
        }
    }

    pub fn active(position: &Position) -> Active {
        let (own, other) = match position.side() {
            Color::Black => (position.black(), position.white()),
            Color::White => (position.white(), position.black()),
        };
        let moves = legal_moves(own, other);
        let flippable = squares(moves).fold(0u64, |all, square| {
            all | flips(usize::from(square), own, other)
        });
        let empties = 64 - (own | other).count_ones() as usize;
        let mut active = Vec::with_capacity(48);
        for (plane, bits) in [own, other, moves, flippable].into_iter().enumerate() {
            active.extend(squares(bits).map(|s| (plane * BOARD) as u16 + u16::from(s)));
        }
        let bucket = (empties * EMPTY_BUCKETS / 61).min(EMPTY_BUCKETS - 1);
        active.push((4 * BOARD + bucket) as u16);
        active
    }

    /// The hidden layer's pre-activations for `active`.
    fn hidden_sums(&self, active: &[u16]) -> Vec<f64> {
        let h = self.hidden;
        let bias = &self.params[INPUTS * h..INPUTS * h + h];
        let mut sums: Vec<f64> = bias.iter().map(|&b| f64::from(b)).collect();
        for &i in active {
            let row = &self.params[usize::from(i) * h..usize::from(i) * h + h];
            for (s, &w) in sums.iter_mut().zip(row) {
                *s += f64::from(w);
            }
        }
        sums
    }

    /// The mover's value of the position with these inputs, in discs.
    pub fn mover_value(&self, active: &[u16]) -> f64 {
        let h = self.hidden;
        let out = &self.params[INPUTS * h + h..];
        let sums = self.hidden_sums(active);
        let hidden: f64 = sums
            .iter()
            .zip(out)
            .map(|(&s, &w)| s.max(0.0) * f64::from(w))
            .sum();
        hidden + f64::from(out[h])
    }

    /// Adds `slope` · ∂(mover value)/∂params to the pending gradient.
    pub fn accumulate(&mut self, active: &[u16], slope: f64) {
        let h = self.hidden;
        let sums = self.hidden_sums(active);
        let out_at = INPUTS * h + h;
        for (j, &s) in sums.iter().enumerate() {
            if s <= 0.0 {
                continue;
            }
            self.grad[out_at + j] += slope * s;
            let back = slope * f64::from(self.params[out_at + j]);
            self.grad[INPUTS * h + j] += back;
            for &i in active {
                self.grad[usize::from(i) * h + j] += back;
            }
        }
        self.grad[out_at + h] += slope;
    }

    /// One Adam step on the pending gradient (a descent direction: the gradient of the loss).
    pub fn apply(&mut self, lr: f64) {
        self.step += 1;
        let correction1 = 1.0 - BETA1.powi(self.step);
        let correction2 = 1.0 - BETA2.powi(self.step);
        for i in 0..self.params.len() {
            let g = std::mem::take(&mut self.grad[i]);
            if g == 0.0 {
                continue; // lazy, as the patterns' Adam: untouched weights keep their moments
            }
            let m = BETA1 * f64::from(self.adam_m[i]) + (1.0 - BETA1) * g;
            let v = BETA2 * f64::from(self.adam_v[i]) + (1.0 - BETA2) * g * g;
            self.adam_m[i] = m as f32;
            self.adam_v[i] = v as f32;
            let update = lr * (m / correction1) / ((v / correction2).sqrt() + 1e-8);
            self.params[i] = (f64::from(self.params[i]) - update) as f32;
        }
    }
}
