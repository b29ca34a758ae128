//! The engine's model as the binding shares it between the JS thread, search tasks and a training
//! batch. The model sits in a slot as an `Arc`: quick calls (evaluate, getWeight, ...) read it under
//! a short lock; a search takes a snapshot (an `Arc` clone) and runs without any lock; a training
//! batch leases the model out of the slot for its duration (the engine's `train` needs `&mut
//! Model`), so calls that arrive meanwhile get `TRAINING_BUSY` at once instead of blocking the JS
//! thread. Writers that meet a snapshot still held by a search copy on write (`Arc::make_mut`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use prismind_engine::{Model, Searcher};

use crate::error::{Failure, Outcome, ENGINE_DISPOSED, TRAINING_BUSY};

enum Slot {
    Ready(Arc<Model>),
    /// Leased to a training batch; the lease puts it back.
    Training,
    Disposed,
}

pub struct Core {
    slot: Mutex<Slot>,
    /// The running batch's stop request (reset when a batch starts).
    pub stop: AtomicBool,
    /// Raised by dispose: ends searches in flight early.
    pub abort: AtomicBool,
    /// Searchers (with their transposition tables) kept for reuse between searches.
    searchers: Mutex<Vec<Searcher>>,
    /// The stop flag of each search in flight, by the id the caller chose (stopSearch raises one;
    /// dispose raises them all).
    searches: Mutex<HashMap<u32, Arc<AtomicBool>>>,
    pub tt_bytes: usize,
}

impl Core {
    pub fn new(model: Model, tt_bytes: usize) -> Core {
        Core {
            slot: Mutex::new(Slot::Ready(Arc::new(model))),
            stop: AtomicBool::new(false),
            abort: AtomicBool::new(false),
            searchers: Mutex::new(Vec::new()),
            searches: Mutex::new(HashMap::new()),
            tt_bytes,
        }
    }

    fn slot(&self) -> MutexGuard<'_, Slot> {
        // A panic is caught before it unwinds through a held guard; never let poisoning wedge us.
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Run a quick read of the model (on the JS thread).
    pub fn read<T>(&self, what: &str, f: impl FnOnce(&Model) -> T) -> Outcome<T> {
        match &*self.slot() {
            Slot::Ready(model) => Ok(f(model)),
            other => Err(unavailable(other, what)),
        }
    }

    /// The model as it is now, for a search that runs without the lock.
    pub fn snapshot(&self, what: &str) -> Outcome<Arc<Model>> {
        match &*self.slot() {
            Slot::Ready(model) => Ok(Arc::clone(model)),
            other => Err(unavailable(other, what)),
        }
    }

    /// Change the model (copying it first if a search still holds a snapshot).
    pub fn write<T>(&self, what: &str, f: impl FnOnce(&mut Model) -> T) -> Outcome<T> {
        match &mut *self.slot() {
            Slot::Ready(model) => Ok(f(Arc::make_mut(model))),
            other => Err(unavailable(other, what)),
        }
    }

    /// Replace the model: in place when nothing else holds it, else with `fresh()`'s model.
    pub fn replace<E>(
        &self,
        what: &str,
        in_place: impl FnOnce(&mut Model) -> Result<(), E>,
        fresh: impl FnOnce() -> Result<Model, E>,
    ) -> Outcome<Result<(), E>> {
        match &mut *self.slot() {
            Slot::Ready(model) => Ok(match Arc::get_mut(model) {
                Some(model) => in_place(model),
                None => fresh().map(|m| *model = Arc::new(m)),
            }),
            other => Err(unavailable(other, what)),
        }
    }

    /// Take the model out for a training batch; the lease gives it back when dropped.
    pub fn lease(self: &Arc<Self>) -> Outcome<Lease> {
        let mut slot = self.slot();
        match std::mem::replace(&mut *slot, Slot::Training) {
            Slot::Ready(model) => {
                self.stop.store(false, Ordering::SeqCst);
                Ok(Lease {
                    core: Arc::clone(self),
                    model: Some(model),
                })
            }
            other => {
                let error = unavailable(&other, "train");
                *slot = other;
                Err(error)
            }
        }
    }

    fn restore(&self, model: Arc<Model>) {
        let mut slot = self.slot();
        if matches!(*slot, Slot::Training) {
            *slot = Slot::Ready(model);
        }
    }

    pub fn is_training(&self) -> bool {
        matches!(*self.slot(), Slot::Training)
    }

    /// Free the model (now, or when a running batch hands it back) and stop everything in flight.
    pub fn dispose(&self) {
        self.abort.store(true, Ordering::SeqCst);
        self.stop.store(true, Ordering::SeqCst);
        *self.slot() = Slot::Disposed;
        for flag in self.live_searches().values() {
            flag.store(true, Ordering::SeqCst);
        }
        self.searchers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    fn live_searches(&self) -> MutexGuard<'_, HashMap<u32, Arc<AtomicBool>>> {
        self.searches.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A stop flag for a new search; `id` (if any) lets stopSearch find it until `end_search`.
    /// Raised from the start when `stopped`, or when the engine is disposed.
    pub fn begin_search(&self, id: Option<u32>, stopped: bool) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(
            stopped || self.abort.load(Ordering::SeqCst),
        ));
        if let Some(id) = id {
            self.live_searches().insert(id, Arc::clone(&flag));
        }
        flag
    }

    /// Forget search `id`'s flag (its search has ended).
    pub fn end_search(&self, id: Option<u32>) {
        if let Some(id) = id {
            self.live_searches().remove(&id);
        }
    }

    /// Stop search `id` if it is still running; an unknown or finished id is ignored.
    pub fn stop_search(&self, id: u32) {
        if let Some(flag) = self.live_searches().get(&id) {
            flag.store(true, Ordering::SeqCst);
        }
    }

    pub fn take_searcher(&self) -> Searcher {
        let pooled = self
            .searchers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        pooled.unwrap_or_else(|| Searcher::new(self.tt_bytes))
    }

    /// Keep a searcher for the next search (a few at most: concurrent searches are rare).
    pub fn return_searcher(&self, searcher: Searcher) {
        if self.abort.load(Ordering::Relaxed) {
            return;
        }
        let mut pool = self
            .searchers
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if pool.len() < 4 {
            pool.push(searcher);
        }
    }
}

fn unavailable(slot: &Slot, what: &str) -> Failure {
    match slot {
        Slot::Training => Failure::new(
            TRAINING_BUSY,
            format!(
                "cannot {what} while a training batch is running; await train() (requestStop() ends it within 100 ms)"
            ),
        ),
        _ => Failure::new(
            ENGINE_DISPOSED,
            format!("cannot {what}: the engine was disposed; create a new one"),
        ),
    }
}

/// A training batch's hold on the model. Dropping it (after the batch, after a panic, or when a
/// task is torn down unrun) puts the model back, or frees it if the engine was disposed meanwhile.
pub struct Lease {
    core: Arc<Core>,
    model: Option<Arc<Model>>,
}

impl Lease {
    /// The model to train and the stop flag to honour (disjoint borrows of the lease).
    pub fn parts(&mut self) -> (&mut Model, &AtomicBool) {
        let model = self.model.as_mut().expect("the model is held until drop");
        (Arc::make_mut(model), &self.core.stop)
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(model) = self.model.take() {
            self.core.restore(model);
        }
    }
}

#[cfg(test)]
mod tests;
