/** Stable error codes of @prismind/telemetry; scripts match on them. */
export type TelemetryErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_ARGUMENT'
  | 'INVALID_STATE'
  | 'TFEVENTS_CORRUPT'
  | 'IO_FAILED';

/**
 * The one error type of this package: `code` is stable, `message` says what was wrong, where, and
 * what was expected; `details` carries the offending values for programs.
 */
export class TelemetryError extends Error {
  readonly code: TelemetryErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: TelemetryErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TelemetryError';
    this.code = code;
    this.details = options.details;
  }
}

/** True when `error` is a TelemetryError, optionally with the given code. */
export function isTelemetryError(
  error: unknown,
  code?: TelemetryErrorCode,
): error is TelemetryError {
  return error instanceof TelemetryError && (code === undefined || error.code === code);
}
