import { TelemetryError } from './errors';

/** Throws INVALID_ARGUMENT unless `value` is a finite number. */
export function requireFinite(value: number, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TelemetryError('INVALID_ARGUMENT', `${what} must be a finite number, got ${value}`, {
      details: { what, value },
    });
  }
}

/** Throws INVALID_ARGUMENT unless `value` is a safe integer >= `min`. */
export function requireInt(value: number, what: string, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TelemetryError(
      'INVALID_ARGUMENT',
      `${what} must be an integer >= ${min}, got ${value}`,
      { details: { what, value, min } },
    );
  }
}

/** Throws INVALID_OPTIONS unless `value` is a safe integer >= `min` (for constructor options). */
export function requireIntOption(value: number, what: string, min = 1): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TelemetryError(
      'INVALID_OPTIONS',
      `option ${what} must be an integer >= ${min}, got ${value}`,
      { details: { option: what, value, min } },
    );
  }
}

/** Throws INVALID_OPTIONS unless `value` is a finite number within [min, max]. */
export function requireRangeOption(value: number, what: string, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new TelemetryError(
      'INVALID_OPTIONS',
      `option ${what} must be a number in [${min}, ${max}], got ${value}`,
      { details: { option: what, value, min, max } },
    );
  }
}

/** Parses a state given as JSON text; INVALID_STATE when it is not JSON. */
export function parseStateJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new TelemetryError('INVALID_STATE', 'state is not valid JSON', { cause });
  }
}
