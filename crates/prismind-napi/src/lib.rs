//! The napi-rs binding of `prismind-engine` (built by `@prismind/native-core`): a `NativeEngine`
//! class, `perft`, and the binding's version. Thin on purpose: conversions between napi types and
//! engine types, async tasks, and error/panic containment; the engine knows nothing of Node.

mod convert;
mod core;
mod engine;
mod error;
mod tasks;

use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;
use prismind_engine::Position;

pub use engine::NativeEngine;

/// The binding's version (the crate's, kept equal to @prismind/native-core's).
#[napi]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Perft from the standard start: the leaves `depth` plies down (a pass is a ply, a finished game
/// a leaf), counted on libuv's thread pool.
#[napi(ts_return_type = "Promise<number>")]
pub fn perft(depth: u32) -> napi::Result<AsyncTask<tasks::PerftTask>> {
    if !(1..=20).contains(&depth) {
        return Err(error::Failure::new(
            error::INVALID_OPTIONS,
            format!("perft depth is {depth}; expected 1..20"),
        )
        .into());
    }
    Ok(AsyncTask::new(tasks::PerftTask {
        board: Position::initial().board(),
        depth,
    }))
}

/// Panics inside the binding's guard, on the calling thread: for tests that prove a Rust panic
/// becomes an ENGINE_FAILURE error instead of taking Node down.
#[napi]
pub fn panic_for_testing() -> napi::Result<()> {
    error::boundary("panicForTesting", || {
        panic!("deliberate panic (panicForTesting)")
    })
}

/// The same on libuv's thread pool: the promise rejects with ENGINE_FAILURE.
#[napi(ts_return_type = "Promise<void>")]
pub fn panic_for_testing_async() -> AsyncTask<tasks::PanicTask> {
    AsyncTask::new(tasks::PanicTask)
}
