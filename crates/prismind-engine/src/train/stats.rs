//! What a batch reports: running totals for the progress callback, and the final statistics.

use std::any::Any;

/// Failures kept in the result, the lowest game numbers; more are counted but not listed (a broken
/// build must not make a long batch hoard messages).
const MAX_LISTED_FAILURES: usize = 100;

/// Running totals, passed to the progress callback.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainProgress {
    /// Games finished so far in this batch (learned from or failed).
    pub games_done: u64,
    pub games_target: u64,
    pub black_wins: u64,
    pub white_wins: u64,
    pub draws: u64,
    /// Mean final disc difference (black minus white) over the games learned from so far.
    pub avg_disc_diff: f64,
    pub elapsed_ms: f64,
}

/// A game that failed: skipped, not learned from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GameFailure {
    pub game: u64,
    /// "panic" (the only kind the engine produces).
    pub kind: String,
    pub message: String,
}

/// A learned game kept from a batch (`TrainOptions::record_every`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampledGame {
    pub game: u64,
    /// The moves as squares, passes implicit.
    pub moves: Vec<u8>,
    /// Black minus white, empties to the winner.
    pub final_score: i32,
}

/// The result of a batch.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainStats {
    /// Games played to the end and learned from.
    pub games_completed: u64,
    pub black_wins: u64,
    pub white_wins: u64,
    pub draws: u64,
    pub avg_disc_diff: f64,
    pub avg_abs_disc_diff: f64,
    /// Mean over the completed games of each game's TD error (mean |E_k|, in discs); 0 when none.
    /// Summed in the order the games are learned: game-number order with one thread (with more,
    /// the games themselves depend on timing, and so does this).
    pub avg_td_error: f64,
    /// Moves (not passes) in the completed games.
    pub moves_played: u64,
    /// Weights reset by the NaN/Inf guard.
    pub resets: u64,
    /// Games that failed (all of them, even when `failures` lists only 100).
    pub errors: u64,
    pub failures: Vec<GameFailure>,
    pub seconds: f64,
    /// Time spent applying updates under the learner's lock (all threads together).
    pub update_seconds: f64,
    /// Time workers spent waiting for that lock (all threads together): the cost of serializing.
    pub lock_wait_seconds: f64,
    /// A stop request ended the batch before all its games were played.
    pub stopped: bool,
    /// The sampled games, by game number.
    pub sampled_games: Vec<SampledGame>,
}

#[derive(Default)]
pub struct Totals {
    pub completed: u64,
    pub black_wins: u64,
    pub white_wins: u64,
    pub draws: u64,
    pub sum_diff: i64,
    pub sum_abs_diff: u64,
    pub sum_td_error: f64,
    pub moves: u64,
    pub resets: u64,
    pub errors: u64,
    pub failures: Vec<GameFailure>,
    pub sampled: Vec<SampledGame>,
    pub update_seconds: f64,
    pub lock_wait_seconds: f64,
}

impl Totals {
    pub fn record_game(&mut self, final_score: i32, moves: usize, resets: u64, td_error: f64) {
        self.completed += 1;
        match final_score.signum() {
            1 => self.black_wins += 1,
            -1 => self.white_wins += 1,
            _ => self.draws += 1,
        }
        self.sum_diff += i64::from(final_score);
        self.sum_abs_diff += u64::from(final_score.unsigned_abs());
        self.sum_td_error += td_error;
        self.moves += moves as u64;
        self.resets += resets;
    }

    pub fn record_failure(&mut self, game: u64, payload: &(dyn Any + Send)) {
        self.errors += 1;
        // Keep the lowest numbers (threads may finish games out of order).
        if self.failures.len() == MAX_LISTED_FAILURES {
            let (highest, at) = self
                .failures
                .iter()
                .enumerate()
                .map(|(i, f)| (f.game, i))
                .max()
                .expect("the list is full");
            if game > highest {
                return;
            }
            self.failures.swap_remove(at);
        }
        self.failures.push(GameFailure {
            game,
            kind: "panic".to_string(),
            message: panic_message(payload),
        });
    }

    pub fn done(&self) -> u64 {
        self.completed + self.errors
    }

    fn mean(&self, sum: f64) -> f64 {
        if self.completed == 0 {
            0.0
        } else {
            sum / self.completed as f64
        }
    }

    pub fn progress(&self, games_target: u64, elapsed_ms: f64) -> TrainProgress {
        TrainProgress {
            games_done: self.done(),
            games_target,
            black_wins: self.black_wins,
            white_wins: self.white_wins,
            draws: self.draws,
            avg_disc_diff: self.mean(self.sum_diff as f64),
            elapsed_ms,
        }
    }

    pub fn into_stats(mut self, games_target: u64, seconds: f64) -> TrainStats {
        self.failures.sort_by_key(|f| f.game);
        self.sampled.sort_by_key(|g| g.game);
        TrainStats {
            games_completed: self.completed,
            black_wins: self.black_wins,
            white_wins: self.white_wins,
            draws: self.draws,
            avg_disc_diff: self.mean(self.sum_diff as f64),
            avg_abs_disc_diff: self.mean(self.sum_abs_diff as f64),
            avg_td_error: self.mean(self.sum_td_error),
            moves_played: self.moves,
            resets: self.resets,
            errors: self.errors,
            stopped: self.done() < games_target,
            failures: self.failures,
            seconds,
            update_seconds: self.update_seconds,
            lock_wait_seconds: self.lock_wait_seconds,
            sampled_games: self.sampled,
        }
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}

#[cfg(test)]
mod tests;
