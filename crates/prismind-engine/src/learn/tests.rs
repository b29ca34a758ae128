//! The learner against a dense, line-by-line transcription of docs/engine-spec.md, bit for bit.

use std::collections::BTreeMap;

use super::adam::{adam_step, Moments};
use super::td::{lambda_errors, mean_abs_error};
use super::*;
use crate::board::Position;
use crate::error::ErrorCode;
use crate::eval::{reference_sign, referenced_offset, Model, ModelCounters};
use crate::features::feature_indices;
use crate::patterns::stage_of;
use crate::search::{SearchLimits, Searcher};
use crate::test_support::random_model;

/// The spec's TD(λ) + Adam, written the obvious way. Returns the game's TD error, mean |E_k|.
fn reference_update(model: &mut Model, positions: &[Position], z: f64, p: &TdParams) -> f64 {
    // (offset, sign) of each feature's weight: the value it reads is sign · weight.
    let offsets: Vec<Vec<(usize, f64)>> = positions
        .iter()
        .map(|pos| {
            let stage = stage_of(pos.disc_count(), model.stages());
            feature_indices(pos)
                .iter()
                .map(|&(shape, index)| {
                    let r = model.reference(u32::from(shape), stage, index).unwrap();
                    (referenced_offset(r), reference_sign(r))
                })
                .collect()
        })
        .collect();
    let v: Vec<f64> = offsets
        .iter()
        .map(|o| {
            o.iter().fold(0.0, |s, &(i, sign)| {
                s + sign * f64::from(model.weights()[i])
            })
        })
        .collect();
    let t = v.len();
    let mut e = vec![0.0; t];
    e[t - 1] = z - v[t - 1];
    for k in (0..t - 1).rev() {
        e[k] = (v[k + 1] - v[k]) + p.lambda * e[k + 1];
    }
    let mut g: BTreeMap<usize, f64> = BTreeMap::new();
    for k in 0..t {
        for &(i, sign) in &offsets[k] {
            *g.entry(i).or_insert(0.0) += -e[k] * sign;
        }
    }
    let mut c = model.counters();
    c.step += 1;
    c.beta1_power *= p.beta1;
    c.beta2_power *= p.beta2;
    for (&i, &g) in &g {
        let m = (p.beta1 * f64::from(model.adam_m()[i]) + (1.0 - p.beta1) * g) as f32;
        let vv = (p.beta2 * f64::from(model.adam_v()[i]) + (1.0 - p.beta2) * (g * g)) as f32;
        let m_hat = f64::from(m) / (1.0 - c.beta1_power);
        let v_hat = f64::from(vv) / (1.0 - c.beta2_power);
        let w = f64::from(model.weights()[i])
            - (p.learning_rate * m_hat) / (v_hat.sqrt() + p.adam_epsilon);
        model.adam_m_mut()[i] = m;
        model.adam_v_mut()[i] = vv;
        model.weights_mut()[i] = w as f32;
    }
    c.games += 1;
    model.set_counters(c).unwrap();
    e.iter().map(|x| x.abs()).sum::<f64>() / t as f64
}

fn as_moves(record: &GameRecord) -> Vec<i32> {
    record.moves.iter().map(|&m| i32::from(m)).collect()
}

#[test]
fn lambda_errors_by_hand() {
    // E2 = 10 - 4 = 6; E1 = (4 - 2) + 0.5·6 = 5; E0 = (2 - 1) + 0.5·5 = 3.5.
    assert_eq!(
        lambda_errors(&[1.0, 2.0, 4.0], 10.0, 0.5),
        vec![3.5, 5.0, 6.0]
    );
    assert_eq!(
        lambda_errors(&[1.0, 2.0, 4.0], 10.0, 0.0),
        vec![1.0, 2.0, 6.0]
    );
}

#[test]
fn td_error_is_the_mean_absolute_lambda_return_error() {
    // (|3.5| + |-5| + |6|) / 3; no positions, no error.
    assert_eq!(mean_abs_error(&[3.5, -5.0, 6.0]), 14.5 / 3.0);
    assert_eq!(mean_abs_error(&[]), 0.0);
}

#[test]
fn one_adam_step_by_hand() {
    let mut w = vec![0.0f32; 4];
    let (mut m, mut v) = (vec![0.0f32; 4], vec![0.0f32; 4]);
    let mut c = ModelCounters::default();
    let p = TdParams::default();
    let mut moments = Moments {
        adam_m: &mut m,
        adam_v: &mut v,
        counters: &mut c,
    };
    let resets = adam_step(
        w.as_mut_slice(),
        &mut moments,
        &[2],
        &[-2.0],
        &p,
        &mut Vec::new(),
    );
    assert_eq!(resets, 0);
    assert_eq!((c.step, c.beta1_power, c.beta2_power), (1, 0.9, 0.999));
    assert_eq!(m[2], -0.2f32);
    assert_eq!(v[2], 0.004f32);
    // First step: m̂ = g, v̂ = g², so the move is lr · sign(-g) up to float rounding.
    assert!((w[2] - 0.005).abs() < 1e-7, "{}", w[2]);
    assert_eq!((w[0], w[1], w[3]), (0.0, 0.0, 0.0));
}

#[test]
fn guard_resets_non_finite_values() {
    let mut w = vec![1.0f32; 4];
    let (mut m, mut v) = (vec![0.5f32; 4], vec![0.5f32; 4]);
    let mut c = ModelCounters::default();
    let p = TdParams::default();
    // g² overflows f64 -> v is infinite: weight, m and v of that slot go back to 0.
    let mut moments = Moments {
        adam_m: &mut m,
        adam_v: &mut v,
        counters: &mut c,
    };
    let resets = adam_step(
        w.as_mut_slice(),
        &mut moments,
        &[1, 3],
        &[1e300, 1.0],
        &p,
        &mut Vec::new(),
    );
    assert_eq!(resets, 1);
    assert_eq!((w[1], m[1], v[1]), (0.0, 0.0, 0.0));
    assert!(w[3] != 1.0 && w[3].is_finite());
}

#[test]
fn learn_from_game_matches_reference_bit_for_bit() {
    let mut model = random_model(11, 30, 0.5);
    // Non-zero moments, so the update's every term matters.
    for (i, x) in model.adam_m_mut().iter_mut().enumerate() {
        *x = ((i % 7) as f32 - 3.0) * 0.01;
    }
    for (i, x) in model.adam_v_mut().iter_mut().enumerate() {
        *x = (i % 5) as f32 * 0.001;
    }
    model
        .set_counters(ModelCounters {
            step: 3,
            beta1_power: 0.729,
            beta2_power: 0.997_002_999,
            games: 3,
        })
        .unwrap();
    let mut reference = model.clone();
    let search = SelfPlaySearch::default();
    for (game, lambda) in [(0u64, 0.7), (1, 0.0), (2, 1.0), (3, 0.7)] {
        let params = TdParams {
            lambda,
            ..TdParams::default()
        };
        let record = self_play_game(&model, 5, game, 0.3, &search).unwrap();
        let outcome = learn_from_game(&mut model, &as_moves(&record), &params).unwrap();
        assert_eq!(outcome.positions, record.positions.len());
        assert_eq!(outcome.final_score, record.final_score);
        let td_error = reference_update(
            &mut reference,
            &record.positions,
            f64::from(record.final_score),
            &params,
        );
        assert_eq!(outcome.mean_abs_error.to_bits(), td_error.to_bits());
        assert!(td_error > 0.0);
        assert_eq!(model.counters(), reference.counters());
        for (name, a, b) in [
            ("weights", model.weights(), reference.weights()),
            ("m", model.adam_m(), reference.adam_m()),
            ("v", model.adam_v(), reference.adam_v()),
        ] {
            let diff = a
                .iter()
                .zip(b)
                .position(|(x, y)| x.to_bits() != y.to_bits());
            assert_eq!(diff, None, "{name} differs after game {game}");
        }
    }
}

#[test]
fn replay_rejects_bad_games_and_changes_nothing() {
    let mut model = Model::new(2).unwrap();
    let record = self_play_game(&model, 1, 0, 1.0, &SelfPlaySearch::default()).unwrap();
    let moves = as_moves(&record);
    let before = model.clone();
    let p = TdParams::default();

    let e = learn_from_game(&mut model, &moves[..moves.len() - 1], &p).unwrap_err();
    assert_eq!(e.code(), ErrorCode::IllegalMove);
    assert!(e.message().contains("not over"), "{e}");

    let mut extra = moves.clone();
    extra.push(0);
    let e = learn_from_game(&mut model, &extra, &p).unwrap_err();
    assert!(e.message().contains("after the game ended"), "{e}");

    let mut bad = moves.clone();
    bad[0] = 64;
    assert_eq!(
        learn_from_game(&mut model, &bad, &p).unwrap_err().code(),
        ErrorCode::InvalidSquare
    );
    bad[0] = -1;
    assert_eq!(
        learn_from_game(&mut model, &bad, &p).unwrap_err().code(),
        ErrorCode::InvalidSquare
    );
    bad[0] = 0;
    let e = learn_from_game(&mut model, &bad, &p).unwrap_err();
    assert_eq!(e.code(), ErrorCode::IllegalMove);
    assert!(
        e.message().contains("move 0 (a1) is illegal for black"),
        "{e}"
    );

    let e = learn_from_game(&mut model, &moves, &TdParams { lambda: 1.5, ..p }).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidOptions);
    assert_eq!(model, before);

    learn_from_game(&mut model, &moves, &p).unwrap();
    assert_eq!(model.counters().games, 1);
    assert_eq!(model.counters().step, 1);
}

#[test]
fn self_play_follows_the_spec_procedure() {
    let model = random_model(12, 30, 1.0);
    let search = SelfPlaySearch {
        depth: 2,
        ..SelfPlaySearch::default()
    };
    let mut searcher = Searcher::new(1 << 20);
    for game in 0..4u64 {
        let record = self_play_game(&model, 99, game, 0.25, &search).unwrap();
        // Replay the procedure with the public pieces.
        let mut rng = crate::rng::Rng::for_game(99, game);
        let mut pos = Position::initial();
        let mut expected = Vec::new();
        while !pos.is_game_over() {
            if pos.must_pass() {
                pos = pos.pass();
                continue;
            }
            let moves = pos.legal_move_list();
            let mv = if rng.next_float() < 0.25 {
                moves[rng.next_int(moves.len() as u32) as usize]
            } else {
                let r = searcher
                    .search(&model, &pos, &SearchLimits::depth(2))
                    .unwrap();
                r.best_move as u8
            };
            expected.push(mv);
            pos = pos.play(usize::from(mv));
        }
        assert_eq!(record.moves, expected, "game {game}");
        assert_eq!(record.final_score, pos.final_score_black());
        assert_eq!(record.positions.len(), expected.len());
    }
}

#[test]
fn self_play_is_reproducible_per_game_number() {
    let model = Model::new(30).unwrap();
    let search = SelfPlaySearch::default();
    let a = self_play_game(&model, 7, 3, 0.1, &search).unwrap();
    let b = self_play_game(&model, 7, 3, 0.1, &search).unwrap();
    let c = self_play_game(&model, 7, 4, 0.1, &search).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.moves, c.moves);
    assert!(self_play_game(&model, 7, 3, 1.5, &search).is_err());
    let deep = SelfPlaySearch {
        depth: 21,
        ..search
    };
    assert_eq!(
        self_play_game(&model, 7, 3, 0.1, &deep).unwrap_err().code(),
        ErrorCode::InvalidOptions
    );
}
