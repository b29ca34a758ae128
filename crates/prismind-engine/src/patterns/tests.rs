use super::*;
use crate::board::{square_name, Color, Position};

/// The instance listing printed in docs/engine-spec.md, parsed: (shape name, k, squares).
fn spec_listing() -> Vec<(String, u8, Vec<u8>)> {
    let spec = include_str!("../../../../docs/engine-spec.md");
    let mut shape = String::new();
    let mut out = Vec::new();
    for line in spec.lines() {
        let trimmed = line.trim();
        if let Some((name, rest)) = trimmed.split_once(':') {
            if rest.contains("squares,") && rest.contains("instances") {
                shape = name.to_string();
                continue;
            }
        }
        if let Some(rest) = trimmed.strip_prefix("sym ") {
            let (left, right) = rest.split_once('|').expect("a '|' in a sym line");
            let mut words = left.split_whitespace();
            let k: u8 = words.next().unwrap().parse().unwrap();
            let squares: Vec<u8> = right
                .trim()
                .split(',')
                .map(|s| s.parse().unwrap())
                .collect();
            // The names on the line must agree with the numbers.
            let names: Vec<String> = words.map(str::to_string).collect();
            let expected: Vec<String> = squares.iter().map(|&s| square_name(s)).collect();
            assert_eq!(names, expected, "{shape} sym {k}");
            out.push((shape.clone(), k, squares));
        }
    }
    out
}

#[test]
fn derived_table_matches_spec_listing() {
    let listing = spec_listing();
    assert_eq!(listing.len(), FEATURE_COUNT);
    for (feature, (name, k, squares)) in FEATURES.iter().zip(&listing) {
        assert_eq!(SHAPES[usize::from(feature.shape)].name, name);
        assert_eq!(feature.symmetry, *k, "{name}");
        assert_eq!(feature.squares(), squares.as_slice(), "{name} sym {k}");
    }
}

#[test]
fn shape_sizes_and_offsets() {
    let counts: Vec<usize> = (0..SHAPE_COUNT)
        .map(|s| {
            FEATURES
                .iter()
                .filter(|f| usize::from(f.shape) == s)
                .count()
        })
        .collect();
    assert_eq!(counts, vec![4, 8, 4, 4, 4, 4, 2, 4, 4, 4, 4]);
    assert_eq!(
        SHAPE_OFFSETS,
        [0, 19683, 78732, 137781, 144342, 150903, 157464, 164025, 166212, 166941, 167184]
    );
    assert_eq!(SHAPE_OFFSETS[10] + SHAPES[10].weights(), WEIGHTS_PER_STAGE);
    assert_eq!(30 * WEIGHTS_PER_STAGE, 5_017_950);
}

#[test]
fn stage_formula() {
    assert_eq!(stage_of(4, 30), 0);
    assert_eq!(stage_of(64, 30), 29);
    assert_eq!(stage_of(6, 30), 0); // 2·30/61 = 0.98
    assert_eq!(stage_of(7, 30), 1); // 3·30/61 = 1.48
    assert_eq!(stage_of(64, 61), 60);
    assert_eq!(stage_of(64, 1), 0);
    for discs in 4..=64 {
        assert!(stage_of(discs, 30) < 30);
    }
}

/// canon(index) and its sign computed on boards: put the configuration on the base squares; for
/// every symmetry k that maps the base's squares onto themselves, read the base's index in the
/// image (sign 1) and in the image with the colours swapped (sign -1). The smallest index wins; its
/// sign is 0 when it is read both ways.
fn naive_canon(shape: &Shape, index: u32) -> (u32, i32) {
    let n = shape.len();
    let (mut black, mut white) = (0u64, 0u64);
    for (i, &square) in shape.base.iter().enumerate() {
        match index / 3u32.pow((n - 1 - i) as u32) % 3 {
            1 => black |= 1 << square,
            2 => white |= 1 << square,
            _ => {}
        }
    }
    let position = Position::from_colors(black, white, Color::Black);
    let base_set: u64 = shape.base.iter().map(|&s| 1u64 << s).sum();
    let read = |black: u64, white: u64| {
        shape.base.iter().fold(0u32, |acc, &s| {
            acc * 3 + (black >> s & 1) as u32 + 2 * (white >> s & 1) as u32
        })
    };
    let readings: Vec<(u32, i32)> = (0..8u8)
        .filter(|&k| {
            shape
                .base
                .iter()
                .map(|&s| 1u64 << symmetry_square(k, s))
                .sum::<u64>()
                == base_set
        })
        .flat_map(|k| {
            let image = position.symmetry(k);
            [
                (read(image.black(), image.white()), 1),
                (read(image.white(), image.black()), -1),
            ]
        })
        .collect();
    let canon = readings.iter().map(|r| r.0).min().unwrap();
    let signs: Vec<i32> = readings
        .iter()
        .filter(|r| r.0 == canon)
        .map(|r| r.1)
        .collect();
    let sign = if signs.contains(&1) && signs.contains(&-1) {
        0
    } else {
        signs[0]
    };
    (canon, sign)
}

/// A reference's offset and sign, read from its flags.
fn unflag(reference: u32) -> (u32, i32) {
    let sign = if reference & VANISHING != 0 {
        0
    } else if reference & NEGATED != 0 {
        -1
    } else {
        1
    };
    (reference & OFFSET_MASK, sign)
}

#[test]
fn canonical_table_matches_a_naive_computation() {
    let canon = canonical_offsets();
    assert_eq!(canon.len(), WEIGHTS_PER_STAGE);
    for (shape, &offset) in SHAPES.iter().zip(&SHAPE_OFFSETS) {
        // Every 7th index and the last one: a sample across all digits.
        for index in (0..shape.weights() as u32)
            .step_by(7)
            .chain([shape.weights() as u32 - 1])
        {
            let (expected, sign) = naive_canon(shape, index);
            assert_eq!(
                unflag(canon[offset + index as usize]),
                (offset as u32 + expected, sign),
                "{} {index}",
                shape.name
            );
        }
    }
}

#[test]
fn canonical_indices_are_the_orbit_minimum_and_fixed_points() {
    let canon = canonical_offsets();
    let counts: Vec<[usize; 3]> = SHAPES
        .iter()
        .zip(&SHAPE_OFFSETS)
        .map(|(shape, &offset)| {
            // [read as themselves, negated, as 0]
            let mut count = [0; 3];
            for (index, &reference) in canon[offset..offset + shape.weights()].iter().enumerate() {
                let (c, sign) = unflag(reference);
                assert!(c as usize <= offset + index, "{}", shape.name);
                let (own, own_sign) = unflag(canon[c as usize]);
                assert_eq!(own, c, "canon is idempotent");
                assert_eq!(own_sign, sign.abs(), "a canonical index reads itself, or 0");
                count[match sign {
                    1 => 0,
                    -1 => 1,
                    _ => 2,
                }] += 1;
            }
            count
        })
        .collect();
    // A configuration reads 0 when its mirror image is its colour inverse: each digit pair the
    // self-symmetry swaps holds a digit and its inverse, each unmoved digit is empty, so 3^p of
    // them for p swapped pairs (corner3x3's transpose swaps 3 pairs, the reversals n/2 rounded
    // down; corner2x5 has only the empty configuration). The others pair off with their inverses,
    // one reading the weight as it is, the other negated.
    let vanishing = [27, 1, 243, 81, 81, 81, 81, 27, 27, 9, 9];
    for ((shape, count), zero) in SHAPES.iter().zip(&counts).zip(vanishing) {
        let paired = (shape.weights() - zero) / 2;
        assert_eq!(*count, [paired, paired, zero], "{}", shape.name);
    }
    assert_eq!(canonical::self_symmetry_maps(&SHAPES[0]).len(), 1);
    // corner3x3's transpose: b3 (digit 7, 3^1) moves to c2 (digit 5, 3^3).
    assert_eq!(
        canonical::mirror_index(3, 9, &canonical::self_symmetry_maps(&SHAPES[0])[0]),
        27
    );
}
