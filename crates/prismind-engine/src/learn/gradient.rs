//! The sparse gradient of one game: at most 60 positions x 46 features, summed per weight in the
//! order the spec prescribes ((position, feature) order, f64, starting from 0).
//!
//! Two phases, so that training does the costly part outside the learner's lock: `prepare` groups
//! the game's weight offsets (which do not depend on the weights) with an open-addressing table;
//! `accumulate` then sums the λ-return errors into a dense array, in the spec's order, with no
//! hashing.

use super::td::PositionOffsets;

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
            sums: Vec::with_capacity(CAPACITY / 2),
            scratch: Vec::with_capacity(CAPACITY / 2),
        }
    }
}

impl Gradient {
    /// Group the offsets of a game's positions (at most 64 positions).
    pub fn prepare(&mut self, positions: &[PositionOffsets]) {
        assert!(positions.len() <= 64, "a game has at most 60 positions");
        for &slot in &self.used_slots {
            self.keys[slot as usize] = EMPTY;
        }
        self.used_slots.clear();
        self.offsets.clear();
        self.term_index.clear();
        let mask = CAPACITY - 1;
        for &offset in positions.iter().flatten() {
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
        }
    }

    /// g[offset] = Σ -E_k over the terms of that offset, in (position, feature) order.
    pub fn accumulate(&mut self, errors: &[f64], features: usize) {
        self.sums.clear();
        self.sums.resize(self.offsets.len(), 0.0);
        for (terms, &e) in self.term_index.chunks_exact(features).zip(errors) {
            let term = -e;
            for &index in terms {
                self.sums[index as usize] += term;
            }
        }
    }

    /// (distinct offsets, their gradients, the Adam step's scratch buffer).
    pub fn parts(&mut self) -> (&[u32], &[f64], &mut GatherBuffer) {
        (&self.offsets, &self.sums, &mut self.scratch)
    }
}
