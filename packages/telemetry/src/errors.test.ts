import { isPrismindError, PrismindError } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import { isTelemetryError, TelemetryError } from './errors';

describe('TelemetryError', () => {
  it('is a PrismindError with the telemetry codes and name', () => {
    const cause = new Error('EACCES');
    const error = new TelemetryError('IO_FAILED', 'cannot write metrics.jsonl', { cause });
    expect(error).toBeInstanceOf(PrismindError);
    expect([error.name, error.cause, error.details]).toEqual(['TelemetryError', cause, {}]);
    expect(isPrismindError(error)).toBe(true);
    expect(isTelemetryError(error, 'IO_FAILED')).toBe(true);
    expect(isTelemetryError(error, 'TFEVENTS_CORRUPT')).toBe(false);
  });
});
