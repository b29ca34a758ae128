/** Stable codes of @prismind/debug's errors. */
export type DebugErrorCode =
  | 'DEBUG_INVALID_INPUT'
  | 'DEBUG_BAD_CHECKPOINT'
  | 'DEBUG_NO_CHECKPOINT'
  | 'DEBUG_NO_RUN_DIR'
  | 'DEBUG_READ_FAILED'
  | 'DEBUG_SHAPE_MISMATCH';

/** What went wrong, where, and what was expected; `details` carries the values for programs. */
export class DebugError extends Error {
  readonly code: DebugErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: DebugErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DebugError';
    this.code = code;
    this.details = options.details;
  }
}

/** True when `error` is a DebugError, optionally with the given code. */
export function isDebugError(error: unknown, code?: DebugErrorCode): error is DebugError {
  return error instanceof DebugError && (code === undefined || error.code === code);
}
