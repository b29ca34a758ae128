use super::*;
use crate::error::ErrorCode;
use crate::features::feature_indices;
use crate::patterns::PATTERN_SET;
use crate::rng::Rng;

fn random_model(seed: u32, stages: u32) -> Model {
    let mut model = Model::new(stages).unwrap();
    let mut rng = Rng::for_game(seed, 0);
    for w in model.weights_mut() {
        *w = (rng.next_float() - 0.5) as f32;
    }
    model
}

#[test]
fn fresh_model_is_zero() {
    let model = Model::default();
    assert_eq!(model.stages(), 30);
    assert_eq!(model.weights().len(), 5_017_950);
    assert_eq!(model.memory_bytes(), 60_215_400);
    assert_eq!(model.evaluate(&Position::initial()), 0.0);
    assert_eq!(model.counters(), ModelCounters::default());
}

#[test]
fn evaluation_is_the_f64_sum_in_feature_order() {
    for stages in [30, 1, 61] {
        let model = random_model(stages, stages);
        let mut pos = Position::initial();
        let mut rng = Rng::for_game(9, 9);
        while !pos.is_game_over() {
            if pos.must_pass() {
                pos = pos.pass();
                continue;
            }
            let stage = stage_of(pos.disc_count(), stages);
            let mut expected = 0.0f64;
            for (shape, index) in feature_indices(&pos) {
                expected += f64::from(model.get_weight(u32::from(shape), stage, index).unwrap());
            }
            assert_eq!(evaluate(&model, &pos).to_bits(), expected.to_bits());
            // The side to move plays no part.
            assert_eq!(evaluate(&model, &pos), evaluate(&model, &pos.pass()));
            let moves = pos.legal_move_list();
            pos = pos.play(usize::from(
                moves[rng.next_int(moves.len() as u32) as usize],
            ));
        }
    }
}

#[test]
fn shared_weights_read_the_same_values() {
    let mut model = random_model(4, 30);
    let pos = Position::initial().play(19).play(18);
    let expected = model.evaluate(&pos);
    let stages = model.stages();
    let shared = SharedWeights::new(model.weights_mut());
    let base = stage_base(pos.disc_count(), stages);
    let got = evaluate_features(&shared, base, &crate::features::Features::of(&pos));
    assert_eq!(got.to_bits(), expected.to_bits());
}

#[test]
fn get_weight_addresses_the_flat_layout() {
    let mut model = Model::new(30).unwrap();
    let offset = model.offset(2, 7, 1234).unwrap();
    assert_eq!(offset, 7 * 167_265 + 78_732 + 1234);
    model.weights_mut()[offset] = 2.5;
    assert_eq!(model.get_weight(2, 7, 1234).unwrap(), 2.5);
    for (shape, stage, index) in [(11, 0, 0), (0, 30, 0), (10, 0, 81), (0, 0, 19_683)] {
        let e = model.get_weight(shape, stage, index).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidPattern, "{e}");
    }
}

#[test]
fn state_round_trip_and_validation() {
    let model = random_model(5, 2);
    let state = model.to_state();
    assert_eq!(state.pattern_set, PATTERN_SET);
    let back = Model::from_state(state.clone()).unwrap();
    assert_eq!(back, model);

    let mut target = Model::default();
    target.load_state(state.as_ref()).unwrap();
    assert_eq!(target, model);

    let short = &state.weights[1..];
    let e = Model::default()
        .load_state(ModelStateRef {
            weights: short,
            ..state.as_ref()
        })
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidState);
    assert!(
        e.message()
            .contains("weights has 334529 values; expected 334530"),
        "{e}"
    );

    let e = Model::from_state(ModelState {
        pattern_set: "other".into(),
        ..state.clone()
    })
    .unwrap_err();
    assert!(e.message().contains("pattern set"), "{e}");

    let e = Model::from_state(ModelState {
        stages: 62,
        ..state.clone()
    })
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidState);

    let mut nan = state.clone();
    nan.adam_m[17] = f32::NAN;
    let e = Model::from_state(nan).unwrap_err();
    assert!(e.message().contains("adamM[17] is NaN"), "{e}");

    let mut negative = state.clone();
    negative.adam_v[3] = -1.0;
    assert!(Model::from_state(negative).is_err());

    let mut counters = state.counters;
    counters.beta1_power = 1.5;
    let e = Model::from_state(ModelState {
        counters,
        ..state.clone()
    })
    .unwrap_err();
    assert!(e.message().contains("beta1Power is 1.5"), "{e}");

    // A failed load leaves the target untouched.
    let mut untouched = model.clone();
    assert!(untouched
        .load_state(ModelStateRef {
            stages: 3,
            ..state.as_ref()
        })
        .is_err());
    assert_eq!(untouched, model);
}

#[test]
fn evaluation_is_symmetric_with_tied_mirror_weights() {
    // Every weight random, non-canonical entries included: they are never read.
    let model = crate::test_support::random_model(5, 30, 4.0);
    for seed in 0..20 {
        let pos = crate::test_support::random_position(seed, seed as usize * 3);
        let value = model.evaluate(&pos);
        for k in 1..8 {
            assert_eq!(
                model.evaluate(&pos.symmetry(k)).to_bits(),
                value.to_bits(),
                "seed {seed} symmetry {k}"
            );
        }
    }
}

#[test]
fn get_weight_of_a_mirror_index_reads_the_canonical_weight() {
    let model = random_model(3, 2);
    // line2 (shape 3): a2 black (digit 0, 3^7 = 2187) mirrors to h2 black (digit 7, 3^0 = 1).
    assert_eq!(
        model.get_weight(3, 1, 2187).unwrap(),
        model.get_weight(3, 1, 1).unwrap()
    );
    assert_eq!(
        model.offset(3, 1, 2187).unwrap(),
        model.offset(3, 1, 1).unwrap()
    );
    // a2 white (2 · 3^7 = 4374) is the colour inverse of a2 black: the same weight, negated.
    assert_eq!(
        model.offset(3, 1, 4374).unwrap(),
        model.offset(3, 1, 1).unwrap()
    );
    assert_eq!(
        model.get_weight(3, 1, 4374).unwrap(),
        -model.get_weight(3, 1, 1).unwrap()
    );
    // a2 black and h2 white: the mirror image is the inverse, so the tied value is 0.
    assert_eq!(model.get_weight(3, 1, 2187 + 2).unwrap(), 0.0);
}

#[test]
fn evaluation_changes_sign_with_the_colours() {
    // V(p with black and white swapped) = -V(p) exactly, for any weights (the initial position's
    // colours swapped is its mirror image, so it reads 0).
    let model = crate::test_support::random_model(7, 10, 4.0);
    for seed in 1..20 {
        let pos = crate::test_support::random_position(seed, seed as usize * 3);
        let swapped = Position::from_colors(pos.white(), pos.black(), pos.side().opponent());
        let value = model.evaluate(&pos);
        assert_ne!(value, 0.0, "seed {seed}");
        assert_eq!(model.evaluate(&swapped), -value, "seed {seed}");
    }
}
