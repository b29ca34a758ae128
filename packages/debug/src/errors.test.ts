import { isPrismindError, PrismindError } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import { DebugError, isDebugError } from './errors';

describe('DebugError', () => {
  it('is a PrismindError with the debug codes and name', () => {
    const error = new DebugError('DEBUG_NO_RUN_DIR', 'runs/x is not a run directory', {
      details: { path: 'runs/x' },
    });
    expect(error).toBeInstanceOf(PrismindError);
    expect([error.name, error.details]).toEqual(['DebugError', { path: 'runs/x' }]);
    expect(isPrismindError(error)).toBe(true);
    expect(isDebugError(error, 'DEBUG_NO_RUN_DIR')).toBe(true);
    expect(isDebugError(error, 'DEBUG_READ_FAILED')).toBe(false);
  });
});
