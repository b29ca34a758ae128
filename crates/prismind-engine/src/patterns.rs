//! The pattern set (docs/engine-spec.md, "Patterns"): shapes given by their base squares in
//! docs/patterns.json (generated into `shapes.rs`, shared with the TypeScript engine); a shape's
//! instances are its images under the 8 symmetries, keeping an image only when its set of squares
//! is new. The instance table is derived at compile time from the base squares, so it cannot drift
//! from the rule; a test compares it with the listing printed in the spec. A configuration and its
//! mirror image under the shape's own symmetries, and its colour inverse, share one weight (`canonical`).

use crate::board::symmetry_square;

mod canonical;
mod shapes;
pub use canonical::{canonical_offsets, NEGATED, OFFSET_MASK, VANISHING};
pub use shapes::{
    FEATURE_COUNT, MAX_SHAPE_LEN, PATTERN_SET, SHAPES, SHAPE_COUNT, WEIGHTS_PER_STAGE,
};

/// A shape: its name and base squares in digit order (first square most significant).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    pub name: &'static str,
    pub base: &'static [u8],
}

impl Shape {
    pub const fn len(&self) -> usize {
        self.base.len()
    }

    pub const fn is_empty(&self) -> bool {
        self.base.is_empty()
    }

    /// 3^len: the shape's weights per stage.
    pub const fn weights(&self) -> usize {
        pow3(self.base.len())
    }
}

/// One instance of a shape: a feature of the evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Feature {
    pub shape: u8,
    /// The symmetry `k` whose image of the base this is.
    pub symmetry: u8,
    pub len: u8,
    /// Squares in digit order; only the first `len` are meaningful.
    pub squares: [u8; MAX_SHAPE_LEN],
}

impl Feature {
    pub fn squares(&self) -> &[u8] {
        &self.squares[..usize::from(self.len)]
    }
}

pub const fn pow3(n: usize) -> usize {
    let mut p = 1;
    let mut i = 0;
    while i < n {
        p *= 3;
        i += 1;
    }
    p
}

const fn square_set(squares: &[u8; MAX_SHAPE_LEN], len: usize) -> u64 {
    let mut bits = 0u64;
    let mut i = 0;
    while i < len {
        bits |= 1u64 << squares[i];
        i += 1;
    }
    bits
}

const fn build_features() -> [Feature; FEATURE_COUNT] {
    let empty = Feature {
        shape: 0,
        symmetry: 0,
        len: 0,
        squares: [0; MAX_SHAPE_LEN],
    };
    let mut features = [empty; FEATURE_COUNT];
    let mut count = 0;
    let mut shape = 0;
    while shape < SHAPE_COUNT {
        let base = SHAPES[shape].base;
        let first_of_shape = count;
        let mut k = 0u8;
        while k < 8 {
            let mut image = [0u8; MAX_SHAPE_LEN];
            let mut i = 0;
            while i < base.len() {
                image[i] = symmetry_square(k, base[i]);
                i += 1;
            }
            let set = square_set(&image, base.len());
            let mut seen = false;
            let mut j = first_of_shape;
            while j < count {
                if square_set(&features[j].squares, base.len()) == set {
                    seen = true;
                }
                j += 1;
            }
            if !seen {
                features[count] = Feature {
                    shape: shape as u8,
                    symmetry: k,
                    len: base.len() as u8,
                    squares: image,
                };
                count += 1;
            }
            k += 1;
        }
        shape += 1;
    }
    assert!(
        count == FEATURE_COUNT,
        "the shapes must give FEATURE_COUNT instances"
    );
    features
}

/// The 46 features in feature order (shapes in table order, instances by ascending k).
pub static FEATURES: [Feature; FEATURE_COUNT] = build_features();

const fn build_shape_offsets() -> [usize; SHAPE_COUNT] {
    let mut offsets = [0; SHAPE_COUNT];
    let mut running = 0;
    let mut s = 0;
    while s < SHAPE_COUNT {
        offsets[s] = running;
        running += SHAPES[s].weights();
        s += 1;
    }
    assert!(
        running == WEIGHTS_PER_STAGE,
        "shape weights must sum to WEIGHTS_PER_STAGE"
    );
    offsets
}

/// Where each shape's table starts inside a stage.
pub const SHAPE_OFFSETS: [usize; SHAPE_COUNT] = build_shape_offsets();

/// Stage of a position with `discs` discs (4..64) under `stages` stages: floor((discs-4)·S/61).
#[inline]
pub fn stage_of(discs: u32, stages: u32) -> u32 {
    debug_assert!((4..=64).contains(&discs));
    (discs.saturating_sub(4)) * stages / 61
}

#[cfg(test)]
mod tests;
