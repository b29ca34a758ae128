import { isCodedError, PrismindError } from '@prismind/board/contracts';

/**
 * Stable codes for what can go wrong with a training run (as opposed to an engine call, whose
 * errors are PrismindErrors from the contracts). Bad options are PrismindError INVALID_OPTIONS.
 */
export type TrainerErrorCode =
  /** pause/resume/stop/start called in a state that does not allow it (`details.state`). */
  | 'INVALID_TRANSITION'
  /** Another live process trains this run directory (`details.pid`). */
  | 'RUN_LOCKED'
  /** The run directory has checkpoints but none of them loads (`details.skipped` says why). */
  | 'NO_USABLE_CHECKPOINT'
  /** The run directory holds a different model (stage count, pattern set) than asked for. */
  | 'RUN_MISMATCH'
  /** No run at that directory (no manifest.json). */
  | 'RUN_NOT_FOUND'
  /** A control command was sent to a run that no live process trains. */
  | 'RUN_NOT_ACTIVE'
  /** The run failed: the engine kept failing, or an unexpected error (`cause`, `details.result`). */
  | 'TRAINING_FAILED';

/** The one error type of the training manager (a PrismindError with a run code). */
export class TrainerError extends PrismindError<TrainerErrorCode> {
  override readonly name: string = 'TrainerError';
}

/** True when `error` is a TrainerError, optionally with the given code. */
export function isTrainerError(error: unknown, code?: TrainerErrorCode): error is TrainerError {
  return isCodedError(error, TrainerError, code);
}

/** A short description of any thrown value, for logs and results. */
export function describeError(error: unknown): { code?: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { code, message: error.message } : { message: error.message };
  }
  return { message: String(error) };
}
