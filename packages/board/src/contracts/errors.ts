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
  | 'NATIVE_BINARY_MISSING'
  | 'ENGINE_FAILURE'
  | 'TRAINING_BUSY'
  | 'ENGINE_DISPOSED';

/** What every Prismind error takes besides its code and message. */
export interface PrismindErrorOptions {
  /** The error this one wraps (a failed fs call, an engine's own error, ...). */
  cause?: unknown;
  /** The offending values, for programs. */
  details?: Record<string, unknown>;
}

/**
 * The one coded error type of Prismind: `code` is stable (scripts match on it), `message` says what
 * was wrong, where, and what was expected; `details` carries the offending values for programs
 * (empty when there are none). Packages subclass it with their own code union and `name`
 * (CheckpointError, TelemetryError, ...), so `instanceof PrismindError` holds for all of them.
 */
export class PrismindError<Code extends string = PrismindErrorCode> extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: Code, message: string, options: PrismindErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PrismindError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

/**
 * True when `error` is an instance of `type` (a PrismindError class), optionally with the given
 * code: the one test behind isPrismindError, isCheckpointError, isTelemetryError, ...
 */
export function isCodedError<E extends PrismindError<string>>(
  error: unknown,
  type: abstract new (...args: never[]) => E,
  code?: E['code'],
): error is E {
  return error instanceof type && (code === undefined || error.code === code);
}

/**
 * True when `error` is a PrismindError of any package (its code is then any string), or, given a
 * code, a PrismindError with that contract code.
 */
export function isPrismindError(error: unknown): error is PrismindError<string>;
export function isPrismindError<Code extends PrismindErrorCode>(
  error: unknown,
  code: Code,
): error is PrismindError<Code>;
export function isPrismindError(error: unknown, code?: PrismindErrorCode): boolean {
  return isCodedError<PrismindError<string>>(error, PrismindError, code);
}

/** What schemaError reads of a schema issue (zod's issues have this shape; so may others). */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * A PrismindError listing every issue of a failed schema check at once, each as `path: message`
 * (`(root)` for the value itself): `search limits are invalid: depth: Too small: ...`. The problems
 * are also in `details.problems`. Both backends build their INVALID_LIMITS / INVALID_OPTIONS /
 * INVALID_STATE errors with it, so they word a bad input the same way.
 */
export function schemaError(
  code: PrismindErrorCode,
  what: string,
  issues: readonly SchemaIssue[],
): PrismindError {
  const problems = issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  return new PrismindError(code, `${what} are invalid: ${problems.join('; ')}`, {
    details: { problems },
  });
}
