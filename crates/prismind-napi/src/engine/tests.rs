use super::*;

#[test]
fn whole_numbers_pass_through_unchanged() {
    let squares = Squares::from_numbers(&[19.0, 18.0, -2.0, 64.0]);
    assert_eq!(squares.values, vec![19, 18, -2, 64]);
    assert!(squares.first_odd.is_none());
}

#[test]
fn other_numbers_become_the_sentinel_and_the_message_gets_them_back() {
    let squares = Squares::from_numbers(&[19.0, 1.5, f64::NAN]);
    assert_eq!(squares.values, vec![19, SENTINEL, SENTINEL]);
    let engine_said = EngineError::new(
        ErrorCode::InvalidSquare,
        format!("move 1 is {SENTINEL}; expected a square 0..63"),
    );
    let explained = squares.explain(engine_said);
    assert_eq!(
        explained.message(),
        "move 1 is 1.5; expected a square 0..63"
    );
    // An earlier error (an illegal move before the odd value) is left as the engine wrote it.
    let illegal = EngineError::new(ErrorCode::IllegalMove, "move 0 (d3) is illegal");
    assert_eq!(squares.explain(illegal.clone()), illegal);
}

#[test]
fn numbers_read_as_in_javascript() {
    assert_eq!(js_number(f64::NAN), "NaN");
    assert_eq!(js_number(f64::NEG_INFINITY), "-Infinity");
    assert_eq!(js_number(1e10), "10000000000");
    assert_eq!(js_number(-0.25), "-0.25");
}
