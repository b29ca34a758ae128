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

#[test]
fn averages_are_over_the_games_learned() {
    let mut totals = Totals::default();
    let payload: Box<dyn Any + Send> = Box::new("boom");
    totals.record_game(10, 60, 0, 2.5);
    totals.record_failure(1, payload.as_ref());
    totals.record_game(-4, 58, 0, 4.0);
    let stats = totals.into_stats(3, 1.0);
    assert_eq!(stats.games_completed, 2);
    assert_eq!(stats.avg_abs_disc_diff, 7.0);
    assert_eq!(stats.avg_td_error, 3.25);
    assert_eq!(Totals::default().into_stats(0, 0.0).avg_td_error, 0.0);
}
