use super::*;
use prismind_engine::Position;

fn core() -> Arc<Core> {
    Arc::new(Core::new(Model::new(1).unwrap(), 1 << 12))
}

#[test]
fn a_lease_makes_the_model_busy_and_gives_it_back_when_dropped() {
    let core = core();
    let lease = core.lease().unwrap();
    assert!(core.is_training());
    assert_eq!(
        core.read("evaluate", |_| ()).unwrap_err().code,
        TRAINING_BUSY
    );
    assert_eq!(core.lease().err().unwrap().code, TRAINING_BUSY);
    drop(lease);
    assert!(!core.is_training());
    assert_eq!(core.read("evaluate", Model::stages), Ok(1));
}

#[test]
fn a_lease_resets_the_stop_flag_and_trains_the_model_it_returns() {
    let core = core();
    core.stop.store(true, Ordering::SeqCst);
    let mut lease = core.lease().unwrap();
    let (model, stop) = lease.parts();
    assert!(!stop.load(Ordering::SeqCst));
    model.weights_mut()[0] = 2.5;
    drop(lease);
    assert_eq!(core.read("getWeight", |m| m.weights()[0]), Ok(2.5));
}

#[test]
fn dispose_during_a_lease_frees_the_model_when_the_batch_ends() {
    let core = core();
    let lease = core.lease().unwrap();
    core.dispose();
    assert!(core.stop.load(Ordering::SeqCst) && core.abort.load(Ordering::SeqCst));
    drop(lease);
    assert_eq!(
        core.read("evaluate", |_| ()).unwrap_err().code,
        ENGINE_DISPOSED
    );
    assert_eq!(core.lease().err().unwrap().code, ENGINE_DISPOSED);
}

#[test]
fn a_search_snapshot_is_not_changed_by_a_later_write() {
    let core = core();
    let snapshot = core.snapshot("search").unwrap();
    core.write("learnFromGame", |m| m.weights_mut()[0] = 1.0)
        .unwrap();
    assert_eq!(snapshot.weights()[0], 0.0);
    assert_eq!(core.read("getWeight", |m| m.weights()[0]), Ok(1.0));
    let start = Position::initial();
    assert_eq!(snapshot.evaluate(&start), 0.0);
}

#[test]
fn replace_works_in_place_or_beside_a_snapshot() {
    let core = core();
    let in_place = core.replace(
        "setState",
        |m| {
            m.weights_mut()[1] = 3.0;
            Ok::<(), ()>(())
        },
        || unreachable!(),
    );
    assert_eq!(in_place, Ok(Ok(())));
    let snapshot = core.snapshot("search").unwrap();
    let fresh = core.replace(
        "setState",
        |_| unreachable!(),
        || {
            let mut m = Model::new(2).unwrap();
            m.weights_mut()[1] = 4.0;
            Ok::<Model, ()>(m)
        },
    );
    assert_eq!(fresh, Ok(Ok(())));
    assert_eq!(snapshot.weights()[1], 3.0);
    assert_eq!(core.read("stages", Model::stages), Ok(2));
}

#[test]
fn searchers_are_reused_until_dispose() {
    let core = core();
    let searcher = core.take_searcher();
    core.return_searcher(searcher);
    assert_eq!(core.searchers.lock().unwrap().len(), 1);
    core.dispose();
    core.return_searcher(Searcher::new(1 << 12));
    assert!(core.searchers.lock().unwrap().is_empty());
}

#[test]
fn stop_search_raises_only_that_search_until_it_ends() {
    let core = core();
    let first = core.begin_search(Some(1), false);
    let second = core.begin_search(Some(2), false);
    core.stop_search(1);
    assert!(first.load(Ordering::SeqCst));
    assert!(!second.load(Ordering::SeqCst));
    core.end_search(Some(2));
    core.stop_search(2);
    assert!(
        !second.load(Ordering::SeqCst),
        "an ended search is forgotten"
    );
    core.stop_search(99);
}

#[test]
fn a_search_can_start_stopped_and_dispose_stops_every_search_in_flight() {
    let core = core();
    assert!(core.begin_search(None, true).load(Ordering::SeqCst));
    let running = core.begin_search(Some(7), false);
    core.dispose();
    assert!(running.load(Ordering::SeqCst));
    assert!(core.begin_search(Some(8), false).load(Ordering::SeqCst));
}
