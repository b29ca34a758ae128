//! How failures cross into JavaScript. A failure is data — a stable code and a message — until the
//! boundary, where it becomes a JS `Error` whose message starts with the code and a colon
//! (`INVALID_BOARD: cell 9 (b2) is 3; ...`); the TypeScript wrapper parses the code and rethrows a
//! `PrismindError` with the original error as its `cause`. A panic never unwinds into Node:
//! `guard` catches it and reports it as `ENGINE_FAILURE`.

use std::any::Any;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::Status;
use prismind_engine::EngineError;

/// The binding's own codes, next to the engine's `ErrorCode`s (the contract's names).
pub const ENGINE_FAILURE: &str = "ENGINE_FAILURE";
pub const TRAINING_BUSY: &str = "TRAINING_BUSY";
pub const ENGINE_DISPOSED: &str = "ENGINE_DISPOSED";
pub const INVALID_OPTIONS: &str = "INVALID_OPTIONS";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub code: &'static str,
    pub message: String,
}

pub type Outcome<T> = Result<T, Failure>;

impl Failure {
    pub fn new(code: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl From<EngineError> for Failure {
    fn from(error: EngineError) -> Failure {
        Failure::new(error.code().as_str(), error.message())
    }
}

/// `CODE: message`, the one shape the TypeScript side parses.
impl From<Failure> for napi::Error {
    fn from(failure: Failure) -> napi::Error {
        napi::Error::new(Status::GenericFailure, failure.to_string())
    }
}

/// Run `f`, turning a panic into an `ENGINE_FAILURE` that names the operation.
pub fn guard<T>(operation: &str, f: impl FnOnce() -> Outcome<T>) -> Outcome<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        Err(Failure::new(
            ENGINE_FAILURE,
            format!(
                "the Rust core panicked in {operation}: {}",
                panic_message(payload.as_ref())
            ),
        ))
    })
}

/// `guard` at the napi boundary: the failure leaves as a JS error.
pub fn boundary<T>(operation: &str, f: impl FnOnce() -> Outcome<T>) -> napi::Result<T> {
    guard(operation, f).map_err(napi::Error::from)
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

#[cfg(test)]
mod tests;
