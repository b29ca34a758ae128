import { isCodedError, PrismindError } from '@prismind/board/contracts';

/** Stable codes of @prismind/dashboard's errors, each with the HTTP status it answers with. */
export const DASHBOARD_ERROR_STATUS = {
  /** The run directory does not exist or is not a directory (at start). */
  DASHBOARD_NO_RUN_DIR: 400,
  /** Bad options for startDashboard (port, host, ...). */
  DASHBOARD_INVALID_OPTIONS: 400,
  /** A malformed request: bad JSON, a missing or mistyped field, an unknown command. */
  DASHBOARD_BAD_REQUEST: 400,
  /** A move that is not legal in the game's position. */
  DASHBOARD_ILLEGAL_MOVE: 400,
  /** No or a wrong access token (a server bound beyond the loopback interface). */
  DASHBOARD_UNAUTHORIZED: 401,
  /** A Host header that is not the server's (DNS rebinding). */
  DASHBOARD_FORBIDDEN_HOST: 403,
  /** No such route, stored game or checkpoint. */
  DASHBOARD_NOT_FOUND: 404,
  DASHBOARD_METHOD_NOT_ALLOWED: 405,
  /** A control request to a run that no live process trains. */
  DASHBOARD_RUN_NOT_ACTIVE: 409,
  /** The trainer refused the command in its state (resume while training, ...). */
  DASHBOARD_CONTROL_REJECTED: 409,
  /** A request body over the limit. */
  DASHBOARD_TOO_LARGE: 413,
  /** POST without a JSON content type. */
  DASHBOARD_UNSUPPORTED_MEDIA: 415,
  /** A checkpoint that exists but does not load (damaged, foreign). */
  DASHBOARD_BAD_CHECKPOINT: 422,
  /** The run has no checkpoint that loads yet. */
  DASHBOARD_NO_CHECKPOINT: 409,
  /** Anything unexpected: the server answers and stays up. */
  DASHBOARD_INTERNAL: 500,
} as const;

export type DashboardErrorCode = keyof typeof DASHBOARD_ERROR_STATUS;

/** The one error type of @prismind/dashboard (a PrismindError with a dashboard code). */
export class DashboardError extends PrismindError<DashboardErrorCode> {
  override readonly name: string = 'DashboardError';

  /** The HTTP status this error answers with. */
  get status(): number {
    return DASHBOARD_ERROR_STATUS[this.code];
  }
}

/** True when `error` is a DashboardError, optionally with the given code. */
export function isDashboardError(
  error: unknown,
  code?: DashboardErrorCode,
): error is DashboardError {
  return isCodedError(error, DashboardError, code);
}

/** Shorthand for the most common answer: a malformed request. */
export function badRequest(message: string, details?: Record<string, unknown>): DashboardError {
  return new DashboardError('DASHBOARD_BAD_REQUEST', message, { details });
}
