use super::*;

#[test]
fn failures_keep_the_lowest_numbers_in_order() {
    let mut totals = Totals::default();
    let payload: Box<dyn Any + Send> = Box::new("boom");
    for game in (0..150u64).rev() {
        totals.record_failure(game, payload.as_ref());
    }
    let stats = totals.into_stats(200, 1.0);
    assert_eq!(stats.errors, 150);
    let games: Vec<u64> = stats.failures.iter().map(|f| f.game).collect();
    assert_eq!(games, (0..100).collect::<Vec<u64>>());
    assert_eq!(stats.failures[0].message, "boom");
    assert!(stats.stopped);
}
