//! Training batches (docs/engine-spec.md, "Training batches and threads"): N self-play games on 1..T
//! threads against one shared weight table, each finished game learned from at once.
//!
//! Update scheme: weights are shared as relaxed atomics (free to read on x86-64/AArch64, never torn);
//! Adam's moments, the counters and the totals sit behind one mutex. A finished game's values and
//! gradient layout are computed without the lock; the λ-return errors, gradient sums and the Adam
//! step run under it. Updates are therefore serialized and each is exactly the spec's; only which
//! weights a concurrent search sees is timing-dependent. Lock-free (Hogwild) updates would race on
//! m, v and the step counters and lose updates; the lock costs little because it is held about
//! 20-30 µs per game against 150+ µs of play at depth 1 (`TrainStats::update_seconds` measures it,
//! the bench reports it).

mod options;
mod stats;
#[cfg(test)]
mod tests;

pub use options::{TrainOptions, DEFAULT_TRAIN_TT_BYTES};
pub use stats::{GameFailure, SampledGame, TrainProgress, TrainStats};

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use crate::error::EngineResult;
use crate::eval::{Model, SharedWeights, SharedWriter};
use crate::learn::{play_game, position_values, td_update, Gradient, Moments, Recorded};
use crate::search::Searcher;
use stats::Totals;

/// The progress callback: called after every `progress_every_games` games, from whichever worker
/// finished the game, one call at a time.
pub type ProgressFn<'a> = &'a (dyn Fn(&TrainProgress) + Sync);

/// What only one thread at a time may touch.
struct Learner<'a> {
    moments: Moments<'a>,
    totals: Totals,
}

struct Batch<'a, 'w> {
    options: &'a TrainOptions,
    weights: &'a SharedWeights<'w>,
    stages: u32,
    first_game: u64,
    next_slot: AtomicU64,
    stop: &'a AtomicBool,
    progress: ProgressFn<'a>,
    start: Instant,
    learner: Mutex<Learner<'a>>,
}

/// Play and learn from `options.games` self-play games. `stop` ends the batch early (games in
/// flight are abandoned); `progress` receives running totals.
pub fn train(
    model: &mut Model,
    options: &TrainOptions,
    stop: &AtomicBool,
    progress: ProgressFn<'_>,
) -> EngineResult<TrainStats> {
    options.validate()?;
    let start = Instant::now();
    let stages = model.stages();
    let (weights, adam_m, adam_v, counters) = model.parts_mut();
    let first_game = counters.games;
    let weights = SharedWeights::new(weights);
    let batch = Batch {
        options,
        weights: &weights,
        stages,
        first_game,
        next_slot: AtomicU64::new(0),
        stop,
        progress,
        start,
        learner: Mutex::new(Learner {
            moments: Moments {
                adam_m,
                adam_v,
                counters,
            },
            totals: Totals::default(),
        }),
    };
    if options.threads == 1 {
        batch.work();
    } else {
        std::thread::scope(|scope| {
            for _ in 0..options.threads {
                scope.spawn(|| batch.work());
            }
        });
    }
    let learner = batch
        .learner
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    Ok(learner
        .totals
        .into_stats(options.games, start.elapsed().as_secs_f64()))
}

impl<'a> Batch<'a, '_> {
    /// One worker: take the next game number, play it, learn from it; until done or stopped.
    fn work(&self) {
        let options = self.options;
        let mut searcher = Searcher::new(options.tt_bytes);
        let mut gradient = Gradient::default();
        loop {
            if self.stop.load(Ordering::Relaxed) {
                return;
            }
            let slot = self.next_slot.fetch_add(1, Ordering::Relaxed);
            if slot >= options.games {
                return;
            }
            let game = self.first_game + slot;
            let played = catch_unwind(AssertUnwindSafe(|| {
                #[cfg(test)]
                if options.fail_games.contains(&game) {
                    panic!("injected failure in game {game}");
                }
                play_game(
                    &mut searcher,
                    self.weights,
                    self.stages,
                    options.seed,
                    game,
                    options.epsilon,
                    &options.search,
                    Some(self.stop),
                )
            }));
            match played {
                Ok(Some(recorded)) => self.learn(game, &recorded, &mut gradient),
                // Stopped mid-game: abandoned, not learned from, its number not used up.
                Ok(None) => return,
                Err(payload) => {
                    let mut learner = self.lock();
                    learner.moments.counters.games += 1;
                    learner.totals.record_failure(game, payload.as_ref());
                    self.report(&learner);
                }
            }
        }
    }

    fn learn(&self, game: u64, recorded: &Recorded, gradient: &mut Gradient) {
        // Outside the lock: grouping the game's weights does not depend on them, and the values are
        // taken with the weights as they are when the game ends (the spec's rule; with one thread
        // nothing can change them before the update).
        gradient.prepare(&recorded.offsets);
        let values = position_values(self.weights, &recorded.offsets);
        let waiting = Instant::now();
        let mut guard = self.lock();
        let started = Instant::now();
        let learner = &mut *guard;
        learner.totals.lock_wait_seconds += (started - waiting).as_secs_f64();
        let options = self.options;
        let z = f64::from(recorded.record.final_score);
        let updated = catch_unwind(AssertUnwindSafe(|| {
            td_update(
                &mut SharedWriter(self.weights),
                &mut learner.moments,
                &values,
                z,
                &options.learning,
                gradient,
            )
        }));
        learner.totals.update_seconds += started.elapsed().as_secs_f64();
        learner.moments.counters.games += 1;
        match updated {
            Ok(outcome) => {
                learner.totals.record_game(
                    recorded.record.final_score,
                    recorded.record.moves.len(),
                    outcome.resets,
                    outcome.mean_abs_error,
                );
                if options.record_every > 0 && game % options.record_every == 0 {
                    learner.totals.sampled.push(SampledGame {
                        game,
                        moves: recorded.record.moves.clone(),
                        final_score: recorded.record.final_score,
                    });
                }
            }
            Err(payload) => learner.totals.record_failure(game, payload.as_ref()),
        }
        self.report(learner);
    }

    fn report(&self, learner: &Learner<'_>) {
        let every = self.options.progress_every_games;
        let done = learner.totals.done();
        if every > 0 && done % every == 0 {
            let elapsed_ms = self.start.elapsed().as_secs_f64() * 1000.0;
            (self.progress)(&learner.totals.progress(self.options.games, elapsed_ms));
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Learner<'a>> {
        // A panic is always caught before it can unwind through a held guard, but never let a
        // poisoned lock end the batch.
        self.learner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
