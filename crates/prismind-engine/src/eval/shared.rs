//! One evaluation code path for two weight owners: a plain `[f32]` (a model owned by one thread)
//! and `[AtomicU32]` (the table shared by training threads, read while another thread updates it).
//! Relaxed loads and stores compile to plain moves on x86-64 and AArch64, so sharing costs nothing
//! on the read path, and a torn or stale weight is impossible (each weight is one atomic word).

use std::sync::atomic::{AtomicU32, Ordering};

pub trait WeightTable: Sync {
    fn weight(&self, offset: usize) -> f32;
}

/// Write access for the learner, who alone changes weights.
pub trait WeightsMut: WeightTable {
    fn set_weight(&mut self, offset: usize, value: f32);
}

impl WeightTable for [f32] {
    #[inline(always)]
    fn weight(&self, offset: usize) -> f32 {
        self[offset]
    }
}

impl WeightsMut for [f32] {
    #[inline(always)]
    fn set_weight(&mut self, offset: usize, value: f32) {
        self[offset] = value;
    }
}

/// Weights viewed as atomics for the duration of a training batch.
pub struct SharedWeights<'a> {
    cells: &'a [AtomicU32],
}

// The cast below relies on identical layouts.
const _: () = assert!(std::mem::size_of::<f32>() == std::mem::size_of::<AtomicU32>());
const _: () = assert!(std::mem::align_of::<f32>() == std::mem::align_of::<AtomicU32>());

impl<'a> SharedWeights<'a> {
    /// Takes the exclusive borrow for `'a`, so nothing else touches the floats non-atomically.
    pub fn new(weights: &'a mut [f32]) -> SharedWeights<'a> {
        let len = weights.len();
        let ptr = weights.as_mut_ptr().cast::<AtomicU32>();
        // SAFETY: AtomicU32 has the size and alignment of f32 (asserted above) and every bit
        // pattern is a valid u32; the unique borrow of `weights` lasts as long as the view, so all
        // accesses during 'a go through these atomics. This is what the unstable
        // `AtomicU32::from_mut_slice` does, for f32 bits.
        let cells = unsafe { std::slice::from_raw_parts(ptr, len) };
        SharedWeights { cells }
    }

    #[inline(always)]
    pub fn get(&self, offset: usize) -> f32 {
        f32::from_bits(self.cells[offset].load(Ordering::Relaxed))
    }

    #[inline(always)]
    pub fn set(&self, offset: usize, value: f32) {
        self.cells[offset].store(value.to_bits(), Ordering::Relaxed);
    }
}

impl WeightTable for SharedWeights<'_> {
    #[inline(always)]
    fn weight(&self, offset: usize) -> f32 {
        self.get(offset)
    }
}

/// The learner's handle on shared weights: writes are single atomic stores that readers see whole.
pub struct SharedWriter<'s, 'a>(pub &'s SharedWeights<'a>);

impl WeightTable for SharedWriter<'_, '_> {
    #[inline(always)]
    fn weight(&self, offset: usize) -> f32 {
        self.0.get(offset)
    }
}

impl WeightsMut for SharedWriter<'_, '_> {
    #[inline(always)]
    fn set_weight(&mut self, offset: usize, value: f32) {
        self.0.set(offset, value);
    }
}
