//! The engine's one error type. Codes are stable strings shared with the TypeScript contracts
//! (`PrismindErrorCode` in `@prismind/board/contracts`), so the napi binding can pass them through.

use std::fmt;

/// What kind of input was rejected. `as_str` gives the stable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// Cells: wrong length, a value outside 0..2, too few discs.
    InvalidBoard,
    /// The player to move is not 1 (black) or 2 (white).
    InvalidPlayer,
    /// A square outside 0..63.
    InvalidSquare,
    /// A move that the rules do not allow in the position, or a move list that is not a complete game.
    IllegalMove,
    /// Search limits that cannot be honoured (no limit at all, depth 0, ...).
    InvalidLimits,
    /// Training or learning options out of range.
    InvalidOptions,
    /// A model state that does not fit the pattern set (length, stages, counters).
    InvalidState,
    /// Pattern/shape/stage/index addressing outside the table.
    InvalidPattern,
}

impl ErrorCode {
    /// The stable code, identical to the TypeScript contract's.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidBoard => "INVALID_BOARD",
            ErrorCode::InvalidPlayer => "INVALID_PLAYER",
            ErrorCode::InvalidSquare => "INVALID_SQUARE",
            ErrorCode::IllegalMove => "ILLEGAL_MOVE",
            ErrorCode::InvalidLimits => "INVALID_LIMITS",
            ErrorCode::InvalidOptions => "INVALID_OPTIONS",
            ErrorCode::InvalidState => "INVALID_STATE",
            ErrorCode::InvalidPattern => "INVALID_PATTERN",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rejected input: a stable code and a message saying what was wrong, where, and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EngineError {
    code: ErrorCode,
    message: String,
}

impl EngineError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        EngineError {
            code,
            message: message.into(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The message without the code prefix (the binding puts the code in its own field).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for EngineError {}

/// Shorthand used across the crate.
pub type EngineResult<T> = Result<T, EngineError>;

pub(crate) fn err<T>(code: ErrorCode, message: impl Into<String>) -> EngineResult<T> {
    Err(EngineError::new(code, message))
}
