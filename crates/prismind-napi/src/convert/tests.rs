use super::*;

fn limits(depth: Option<f64>, time_ms: Option<f64>, nodes: Option<f64>) -> SearchLimitsJs {
    SearchLimitsJs {
        depth,
        time_ms,
        nodes,
        exact_empties: None,
    }
}

fn learning() -> LearningParamsJs {
    LearningParamsJs {
        lambda: 0.7,
        learning_rate: 0.005,
        beta1: 0.9,
        beta2: 0.999,
        adam_epsilon: 1e-8,
    }
}

fn options(games: f64, threads: f64) -> TrainOptionsJs {
    TrainOptionsJs {
        games,
        threads,
        seed: 1.0,
        epsilon: 0.1,
        search: SelfPlaySearchJs {
            depth: 2.0,
            time_ms: None,
            exact_empties: 0.0,
        },
        learning: learning(),
        progress_every_games: 10.0,
        record_every: 0.0,
    }
}

#[test]
fn search_limits_convert_whole_numbers() {
    let l = SearchLimits::try_from(&limits(Some(5.0), Some(250.0), None)).unwrap();
    assert_eq!(l.depth, Some(5));
    assert_eq!(l.time_ms, Some(250));
    assert_eq!(l.nodes, None);
    assert_eq!(l.exact_empties, 0);
}

#[test]
fn search_limits_refuse_what_napi_would_truncate() {
    for bad in [
        limits(Some(1.5), None, None),
        limits(Some(-1.0), None, None),
        limits(None, Some(f64::NAN), None),
        limits(None, None, Some(f64::INFINITY)),
        limits(Some(61.0), None, None),
        limits(None, None, None),
    ] {
        let error = SearchLimits::try_from(&bad).unwrap_err();
        assert_eq!(error.code(), ErrorCode::InvalidLimits, "{error}");
    }
}

#[test]
fn train_options_carry_every_field() {
    let o = TrainOptions::try_from(TrainRequest {
        options: &options(30.0, 2.0),
        tt_bytes: 1 << 16,
    })
    .unwrap();
    assert_eq!((o.games, o.threads, o.seed), (30, 2, 1));
    assert_eq!(o.search.depth, 2);
    assert_eq!(o.progress_every_games, 10);
    assert_eq!(o.tt_bytes, 1 << 16);
    assert_eq!(o.learning, TdParams::default());
}

#[test]
fn train_options_refuse_out_of_range_values() {
    for (games, threads) in [(0.0, 1.0), (1.5, 1.0), (1.0, 0.0), (1.0, 1e10)] {
        let error = TrainOptions::try_from(TrainRequest {
            options: &options(games, threads),
            tt_bytes: 1 << 16,
        })
        .unwrap_err();
        assert_eq!(error.code(), ErrorCode::InvalidOptions, "{error}");
    }
    let mut bad = options(1.0, 1.0);
    bad.learning.lambda = 2.0;
    let error = TrainOptions::try_from(TrainRequest {
        options: &bad,
        tt_bytes: 1 << 16,
    })
    .unwrap_err();
    assert!(error.message().contains("lambda"), "{error}");
}

#[test]
fn state_meta_needs_whole_counters() {
    let meta = |step: f64| StateMetaJs {
        pattern_set: "prismind-v3".to_string(),
        stages: 30.0,
        step,
        beta1_power: 1.0,
        beta2_power: 1.0,
        games: 0.0,
    };
    assert_eq!(StateMeta::try_from(&meta(3.0)).unwrap().counters.step, 3);
    let error = StateMeta::try_from(&meta(0.5)).err().unwrap();
    assert_eq!(error.code(), ErrorCode::InvalidState);
}
