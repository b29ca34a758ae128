//! Tied weights (docs/engine-spec.md, "Tied mirror and colour weights"): a configuration, its image
//! under a symmetry that maps the shape's base onto its own squares, and its colour inverse (black
//! and white swapped) share one weight, the one at the smallest index of the orbit; the inverse reads
//! it negated, so V(colours swapped) = -V. A configuration that is its own inverse up to a mirror
//! reads 0. The table is derived from the base squares once, at first use.

use std::sync::OnceLock;

use super::{Shape, MAX_SHAPE_LEN, SHAPES, SHAPE_OFFSETS, WEIGHTS_PER_STAGE};
use crate::board::symmetry_square;

/// A digit permutation: digit `i` moves to digit `to[i]`.
type DigitMap = [u8; MAX_SHAPE_LEN];

/// The digit maps of the shape's self-symmetries k in 1..7 (those mapping the base's set of
/// squares onto itself), one per distinct map, identity excluded.
pub(crate) fn self_symmetry_maps(shape: &Shape) -> Vec<DigitMap> {
    let identity: DigitMap = std::array::from_fn(|i| i as u8);
    let mut maps: Vec<DigitMap> = Vec::new();
    for k in 1..8u8 {
        let mut to = identity;
        let maps_onto_itself = shape.base.iter().enumerate().all(|(i, &square)| {
            let image = symmetry_square(k, square);
            match shape.base.iter().position(|&b| b == image) {
                Some(j) => {
                    to[i] = j as u8;
                    true
                }
                None => false,
            }
        });
        if maps_onto_itself && to != identity && !maps.contains(&to) {
            maps.push(to);
        }
    }
    maps
}

/// A weight reference: the offset of the weight in the low bits, how it is read in the top two.
/// `NEGATED`: the configuration reads the weight negated (it is the colour inverse of the canonical
/// one). `VANISHING`: it reads 0 (its orbit holds it both ways, so the tied value is 0).
pub const NEGATED: u32 = 1 << 31;
pub const VANISHING: u32 = 1 << 30;
pub const OFFSET_MASK: u32 = VANISHING - 1;

/// The index with every black digit (1) made white (2) and every white digit black.
pub(crate) fn inverse_index(index: u32, len: usize) -> u32 {
    let (mut rest, mut inverse, mut power) = (index, 0, 1);
    for _ in 0..len {
        inverse += [0, 2, 1][(rest % 3) as usize] * power;
        rest /= 3;
        power *= 3;
    }
    inverse
}

/// The index of the configuration `index` with its digits moved by `to` (first digit most significant).
pub(crate) fn mirror_index(index: u32, len: usize, to: &DigitMap) -> u32 {
    let mut rest = index;
    let mut mirrored = 0;
    for i in (0..len).rev() {
        let digit = rest % 3;
        rest /= 3;
        mirrored += digit * 3u32.pow((len - 1 - usize::from(to[i])) as u32);
    }
    mirrored
}

/// The canonical index of `index` and how it reads it: the smallest index of the orbit under the
/// shape's self-symmetries and colour inversion, flagged `NEGATED` when it is reached only through
/// an inversion, `VANISHING` when it is reached both with and without one.
pub(crate) fn canonical_reference(index: u32, len: usize, maps: &[DigitMap]) -> u32 {
    let images = std::iter::once(index).chain(maps.iter().map(|to| mirror_index(index, len, to)));
    let (mut canon, mut plain, mut inverted) = (u32::MAX, false, false);
    for image in images {
        for (candidate, through_inverse) in [(image, false), (inverse_index(image, len), true)] {
            if candidate < canon {
                (canon, plain, inverted) = (candidate, false, false);
            }
            if candidate == canon {
                if through_inverse {
                    inverted = true;
                } else {
                    plain = true;
                }
            }
        }
    }
    match (plain, inverted) {
        (true, true) => canon | VANISHING,
        (false, true) => canon | NEGATED,
        _ => canon,
    }
}

fn build_canonical_offsets() -> Box<[u32]> {
    let mut table = Vec::with_capacity(WEIGHTS_PER_STAGE);
    for (shape, &offset) in SHAPES.iter().zip(&SHAPE_OFFSETS) {
        let maps = self_symmetry_maps(shape);
        for index in 0..shape.weights() as u32 {
            table.push(offset as u32 + canonical_reference(index, shape.len(), &maps));
        }
    }
    table.into_boxed_slice()
}

/// `CANON[o]` for every offset `o` within a stage (shape offset + index): the weight reference it
/// reads, shape offset + canon(index) with the `NEGATED` / `VANISHING` flags. A stage's base added to
/// a reference keeps its flags (offsets stay far below `VANISHING`).
pub fn canonical_offsets() -> &'static [u32] {
    static TABLE: OnceLock<Box<[u32]>> = OnceLock::new();
    TABLE.get_or_init(build_canonical_offsets)
}
