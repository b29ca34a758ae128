//! The sparse gradient of one game: at most 60 positions x 46 features, summed per weight in the
//! order the spec prescribes ((position, feature) order, f64). An open-addressing table keyed by the
//! weight offset keeps each weight's terms in arrival order, in O(1) per term, and is reset by
//! visiting only the slots used.

const EMPTY: u32 = u32::MAX;
/// Power of two, comfortably above 60 x 46 = 2760 distinct offsets (load factor <= 0.35).
const CAPACITY: usize = 8192;

pub struct Gradient {
    keys: Vec<u32>,
    /// For a used slot, the index of its entry in `touched`.
    entry: Vec<u32>,
    /// (offset, gradient) in first-touch order.
    touched: Vec<(u32, f64)>,
    used_slots: Vec<u32>,
}

impl Default for Gradient {
    fn default() -> Self {
        Gradient {
            keys: vec![EMPTY; CAPACITY],
            entry: vec![0; CAPACITY],
            touched: Vec::with_capacity(CAPACITY / 2),
            used_slots: Vec::with_capacity(CAPACITY / 2),
        }
    }
}

impl Gradient {
    pub fn clear(&mut self) {
        for &slot in &self.used_slots {
            self.keys[slot as usize] = EMPTY;
        }
        self.used_slots.clear();
        self.touched.clear();
    }

    /// `g[offset] += term`.
    #[inline]
    pub fn add(&mut self, offset: u32, term: f64) {
        let mask = CAPACITY - 1;
        let mut slot = (offset.wrapping_mul(0x9E37_79B1) >> 19) as usize & mask;
        loop {
            let key = self.keys[slot];
            if key == offset {
                self.touched[self.entry[slot] as usize].1 += term;
                return;
            }
            if key == EMPTY {
                assert!(self.touched.len() < CAPACITY / 2, "gradient table overfull");
                self.keys[slot] = offset;
                self.entry[slot] = self.touched.len() as u32;
                self.used_slots.push(slot as u32);
                // 0.0 + term, as the spec's sum starting from zero.
                self.touched.push((offset, 0.0 + term));
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    pub fn entries(&self) -> &[(u32, f64)] {
        &self.touched
    }
}
