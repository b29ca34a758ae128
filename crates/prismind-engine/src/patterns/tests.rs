use super::*;
use crate::board::square_name;

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
