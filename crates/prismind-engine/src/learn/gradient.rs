//! The sparse gradient of one game: at most 60 positions x 46 features, summed per weight in the
//! order the spec prescribes ((position, feature) order, f64, starting from 0): each term is the
//! position's -E_k times its reference's sign (1, -1 or 0, docs/engine-spec.md).
//!
//! Two phases, so that training does the costly part outside the learner's lock: `prepare` groups
//! the game's weight offsets (which do not depend on the weights) with an open-addressing table;
//! `accumulate` then sums the λ-return errors into a dense array, in the spec's order, with no
//! hashing.

use super::td::PositionOffsets;
use crate::eval::{reference_sign, referenced_offset};

const EMPTY: u32 = u32::MAX;

/// (w, m, v) of each touched weight, gathered before the Adam arithmetic.
pub type GatherBuffer = Vec<(f32, f32, f32)>;
/// Power of two, comfortably above 60 x 46 = 2760 distinct offsets (load factor <= 0.35).
const CAPACITY: usize = 8192;

pub struct Gradient {
    keys: Vec<u32>,
    /// For a used slot, the index of its offset in `offsets`.
    entry: Vec<u32>,
    used_slots: Vec<u32>,
    /// Distinct offsets, in first-touch order.
    offsets: Vec<u32>,
    /// For each (position, feature) term in order, the index of its offset.
    term_index: Vec<u32>,
    /// For each term, its reference's sign.
    term_sign: Vec<f64>,
    /// The gradient of each distinct offset.
    sums: Vec<f64>,
    /// Reused by the Adam step to gather (w, m, v) of the touched weights.
    scratch: GatherBuffer,
}

impl Default for Gradient {
    fn default() -> Self {
        Gradient {
            keys: vec![EMPTY; CAPACITY],
            entry: vec![0; CAPACITY],
            used_slots: Vec::with_capacity(CAPACITY / 2),
            offsets: Vec::with_capacity(CAPACITY / 2),
            term_index: Vec::with_capacity(CAPACITY / 2),
            term_sign: Vec::with_capacity(CAPACITY / 2),
            sums: Vec::with_capacity(CAPACITY / 2),
            scratch: Vec::with_capacity(CAPACITY / 2),
        }
    }
}

impl Gradient {
    /// Group the weight references of a game's positions by offset (at most 64 positions).
    pub fn prepare(&mut self, positions: &[PositionOffsets]) {
        assert!(positions.len() <= 64, "a game has at most 60 positions");
        for &slot in &self.used_slots {
            self.keys[slot as usize] = EMPTY;
        }
        self.used_slots.clear();
        self.offsets.clear();
        self.term_index.clear();
        self.term_sign.clear();
        let mask = CAPACITY - 1;
        for &reference in positions.iter().flatten() {
            let offset = referenced_offset(reference) as u32;
            let mut slot = (offset.wrapping_mul(0x9E37_79B1) >> 19) as usize & mask;
            let index = loop {
                let key = self.keys[slot];
                if key == offset {
                    break self.entry[slot];
                }
                if key == EMPTY {
                    let index = self.offsets.len() as u32;
                    self.keys[slot] = offset;
                    self.entry[slot] = index;
                    self.used_slots.push(slot as u32);
                    self.offsets.push(offset);
                    break index;
                }
                slot = (slot + 1) & mask;
            };
            self.term_index.push(index);
            self.term_sign.push(reference_sign(reference));
        }
    }

    /// g[offset] = Σ -E_k · sign over the terms of that offset, in (position, feature) order.
    pub fn accumulate(&mut self, errors: &[f64], features: usize) {
        self.sums.clear();
        self.sums.resize(self.offsets.len(), 0.0);
        let positions = self
            .term_index
            .chunks_exact(features)
            .zip(self.term_sign.chunks_exact(features));
        for ((terms, signs), &e) in positions.zip(errors) {
            let term = -e;
            for (&index, &sign) in terms.iter().zip(signs) {
                self.sums[index as usize] += term * sign;
            }
        }
    }

    /// (distinct offsets, their gradients, the Adam step's scratch buffer).
    pub fn parts(&mut self) -> (&[u32], &[f64], &mut GatherBuffer) {
        (&self.offsets, &self.sums, &mut self.scratch)
    }
}
