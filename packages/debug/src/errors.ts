import { isCodedError, PrismindError } from '@prismind/board/contracts';

/** Stable codes of @prismind/debug's errors. */
export type DebugErrorCode =
  | 'DEBUG_INVALID_INPUT'
  | 'DEBUG_BAD_CHECKPOINT'
  | 'DEBUG_NO_CHECKPOINT'
  | 'DEBUG_NO_RUN_DIR'
  | 'DEBUG_READ_FAILED'
  | 'DEBUG_SHAPE_MISMATCH';

/** The one error type of @prismind/debug (a PrismindError with a debug code). */
export class DebugError extends PrismindError<DebugErrorCode> {
  override readonly name: string = 'DebugError';
}

/** True when `error` is a DebugError, optionally with the given code. */
export function isDebugError(error: unknown, code?: DebugErrorCode): error is DebugError {
  return isCodedError(error, DebugError, code);
}
