//! Tied mirror weights (docs/engine-spec.md, "Tied mirror weights"): a configuration and its image
//! under a symmetry that maps the shape's base onto its own squares share one weight, the one at the
//! smallest index of the orbit. The table is derived from the base squares once, at first use.

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

fn build_canonical_offsets() -> Box<[u32]> {
    let mut table = Vec::with_capacity(WEIGHTS_PER_STAGE);
    for (shape, &offset) in SHAPES.iter().zip(&SHAPE_OFFSETS) {
        let maps = self_symmetry_maps(shape);
        for index in 0..shape.weights() as u32 {
            let canon = maps
                .iter()
                .map(|to| mirror_index(index, shape.len(), to))
                .fold(index, u32::min);
            table.push(offset as u32 + canon);
        }
    }
    table.into_boxed_slice()
}

/// `CANON[o]` for every offset `o` within a stage (shape offset + index): the offset of the weight
/// it reads, shape offset + canon(index).
pub fn canonical_offsets() -> &'static [u32] {
    static TABLE: OnceLock<Box<[u32]>> = OnceLock::new();
    TABLE.get_or_init(build_canonical_offsets)
}
