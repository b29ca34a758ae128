import { isCodedError, PrismindError } from '@prismind/board/contracts';

/** Stable error codes of @prismind/telemetry; scripts match on them. */
export type TelemetryErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_ARGUMENT'
  | 'INVALID_STATE'
  | 'TFEVENTS_CORRUPT'
  | 'IO_FAILED';

/** The one error type of this package (a PrismindError with a telemetry code). */
export class TelemetryError extends PrismindError<TelemetryErrorCode> {
  override readonly name: string = 'TelemetryError';
}

/** True when `error` is a TelemetryError, optionally with the given code. */
export function isTelemetryError(
  error: unknown,
  code?: TelemetryErrorCode,
): error is TelemetryError {
  return isCodedError(error, TelemetryError, code);
}
