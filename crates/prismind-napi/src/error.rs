//! How failures cross into JavaScript. Every error is a JS `Error` whose message starts with a
//! stable code and a colon (`INVALID_BOARD: cell 9 (b2) is 3; ...`); the TypeScript wrapper parses
//! the code and rethrows a `PrismindError` with the original error as its `cause`. A panic never
//! unwinds into Node: `guard` catches it and reports it as `ENGINE_FAILURE`.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::{Error, Status};
use prismind_engine::EngineError;

/// The binding's own codes, next to the engine's `ErrorCode`s (the contract's names).
pub const ENGINE_FAILURE: &str = "ENGINE_FAILURE";
pub const TRAINING_BUSY: &str = "TRAINING_BUSY";
pub const ENGINE_DISPOSED: &str = "ENGINE_DISPOSED";

/// `CODE: message`, the one shape the TypeScript side parses.
pub fn coded(code: &str, message: impl AsRef<str>) -> Error {
    Error::new(
        Status::GenericFailure,
        format!("{code}: {}", message.as_ref()),
    )
}

pub fn engine_error(error: EngineError) -> Error {
    coded(error.code().as_str(), error.message())
}

/// Run `f`, turning a panic into an `ENGINE_FAILURE` error that names the operation.
pub fn guard<T>(operation: &str, f: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        Err(coded(
            ENGINE_FAILURE,
            format!(
                "the Rust core panicked in {operation}: {}",
                panic_message(payload.as_ref())
            ),
        ))
    })
}

pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with a non-string payload".to_string()
    }
}
