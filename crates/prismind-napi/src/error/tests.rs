use super::*;
use prismind_engine::ErrorCode;

#[test]
fn engine_errors_keep_their_code_in_front() {
    let failure = Failure::from(EngineError::new(
        ErrorCode::InvalidBoard,
        "board has 2 cells",
    ));
    assert_eq!(failure.to_string(), "INVALID_BOARD: board has 2 cells");
}

#[test]
fn a_panic_becomes_engine_failure() {
    let failure = guard::<()>("evaluate", || panic!("boom {}", 7)).unwrap_err();
    assert_eq!(
        failure.to_string(),
        "ENGINE_FAILURE: the Rust core panicked in evaluate: boom 7"
    );
    let failure = guard::<()>("search", || std::panic::panic_any(42_u8)).unwrap_err();
    assert!(failure
        .message
        .ends_with("a panic with a non-string payload"));
}

#[test]
fn results_and_failures_pass_through_the_guard() {
    assert_eq!(guard("perft", || Ok(20)), Ok(20));
    let busy = Failure::new(TRAINING_BUSY, "a batch is running");
    assert_eq!(guard::<()>("train", || Err(busy.clone())), Err(busy));
}
