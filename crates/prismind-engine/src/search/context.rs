//! What every node of a search shares: the weights, node counting, and the reasons to stop early
//! (node limit, deadline, stop flag). Time and the flag are polled every `POLL_INTERVAL` nodes, which
//! is well under a millisecond of work, so a stop request lands within the 100 ms promise.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::eval::WeightTable;

const POLL_INTERVAL: u64 = 1024;

pub struct Context<'a, W: WeightTable + ?Sized> {
    pub weights: &'a W,
    pub stages: u32,
    pub nodes: u64,
    node_limit: u64,
    deadline: Option<Instant>,
    stop: Option<&'a AtomicBool>,
    next_poll: u64,
    /// When false, limits are ignored (depth 1 always completes).
    pub interruptible: bool,
    pub aborted: bool,
}

impl<'a, W: WeightTable + ?Sized> Context<'a, W> {
    pub fn new(
        weights: &'a W,
        stages: u32,
        node_limit: Option<u64>,
        deadline: Option<Instant>,
        stop: Option<&'a AtomicBool>,
    ) -> Self {
        Context {
            weights,
            stages,
            nodes: 0,
            node_limit: node_limit.unwrap_or(u64::MAX),
            deadline,
            stop,
            next_poll: POLL_INTERVAL.min(node_limit.unwrap_or(u64::MAX).saturating_add(1)),
            interruptible: false,
            aborted: false,
        }
    }

    /// Count a node; true when the search must unwind now.
    #[inline(always)]
    pub fn enter(&mut self) -> bool {
        self.nodes += 1;
        if self.nodes >= self.next_poll {
            self.poll();
        }
        self.aborted
    }

    #[cold]
    fn poll(&mut self) {
        // Poll again after an interval, or exactly where the node limit falls if that is sooner.
        let limit_point = self.node_limit.saturating_add(1).max(self.nodes + 1);
        self.next_poll = (self.nodes + POLL_INTERVAL).min(limit_point);
        if !self.interruptible {
            return;
        }
        let stopped = self.stop.is_some_and(|s| s.load(Ordering::Relaxed));
        let late = self.deadline.is_some_and(|d| Instant::now() >= d);
        if stopped || late || self.nodes > self.node_limit {
            self.aborted = true;
        }
    }

    /// The time limit has passed (checked between iterations).
    pub fn past_deadline(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// A stop request, however the search is configured (checked between iterations).
    pub fn stop_requested(&self) -> bool {
        self.stop.is_some_and(|s| s.load(Ordering::Relaxed))
    }
}
