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
