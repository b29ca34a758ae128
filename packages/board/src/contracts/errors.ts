/** Stable error codes shared by every Prismind package that works with positions and engines. */
export type PrismindErrorCode =
  | 'INVALID_BOARD'
  | 'INVALID_PLAYER'
  | 'INVALID_SQUARE'
  | 'ILLEGAL_MOVE'
  | 'INVALID_NOTATION'
  | 'INVALID_OBF'
  | 'INVALID_LIMITS'
  | 'INVALID_OPTIONS'
  | 'INVALID_STATE'
  | 'INVALID_PATTERN'
  | 'ENGINE_UNAVAILABLE'
  | 'ENGINE_FAILURE'
  | 'TRAINING_BUSY'
  | 'ENGINE_DISPOSED';

/**
 * The one error type of the contracts: `code` is stable (scripts match on it), `message` says what
 * was wrong, where, and what was expected; `details` carries the offending values for programs.
 */
export class PrismindError extends Error {
  readonly code: PrismindErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: PrismindErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PrismindError';
    this.code = code;
    this.details = options.details;
  }
}

/** True when `error` is a PrismindError, optionally with the given code. */
export function isPrismindError(error: unknown, code?: PrismindErrorCode): error is PrismindError {
  return error instanceof PrismindError && (code === undefined || error.code === code);
}
