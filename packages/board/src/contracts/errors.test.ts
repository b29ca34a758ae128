import { describe, expect, it } from 'vitest';
import { isCodedError, isPrismindError, PrismindError, schemaError } from './errors';
import { searchLimitsSchema } from './search';

describe('schemaError', () => {
  it('lists every issue as path: message, with the problems in details', () => {
    const error = schemaError('INVALID_OPTIONS', 'training options', [
      { path: ['games'], message: 'Too small' },
      { path: ['search', 'depth'], message: 'Too big' },
    ]);
    expect(error).toBeInstanceOf(PrismindError);
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.message).toBe(
      'training options are invalid: games: Too small; search.depth: Too big',
    );
    expect(error.details).toEqual({ problems: ['games: Too small', 'search.depth: Too big'] });
  });

  it('names the value itself (root) and writes numeric and symbol path parts', () => {
    const error = schemaError('INVALID_STATE', 'state counters', [
      { path: [], message: 'expected an object' },
      { path: ['moves', 3], message: 'not a square' },
      { path: [Symbol('key')], message: 'odd key' },
    ]);
    expect(error.message).toBe(
      'state counters are invalid: (root): expected an object; moves.3: not a square; Symbol(key): odd key',
    );
    expect(isPrismindError(error, 'INVALID_STATE')).toBe(true);
  });

  it('takes zod issues as they are', () => {
    const parsed = searchLimitsSchema.safeParse({ depth: 0, nodes: 1.5 });
    expect(parsed.success).toBe(false);
    const error = schemaError('INVALID_LIMITS', 'search limits', parsed.error!.issues);
    expect(error.code).toBe('INVALID_LIMITS');
    expect(error.message).toMatch(/^search limits are invalid: depth: .+; nodes: .+$/);
    expect(error.details?.problems).toHaveLength(2);
  });

  it('reports a refinement on the whole object at (root)', () => {
    const parsed = searchLimitsSchema.safeParse({});
    const error = schemaError('INVALID_LIMITS', 'search limits', parsed.error!.issues);
    expect(error.message).toBe(
      'search limits are invalid: (root): give at least one of depth, timeMs or nodes',
    );
  });
});

/** A package's own coded error, as checkpoint, telemetry, trainer, debug and cli declare theirs. */
class ExampleError extends PrismindError<'EXAMPLE_BROKEN' | 'EXAMPLE_MISSING'> {
  override readonly name: string = 'ExampleError';
}

describe('PrismindError', () => {
  it('keeps code, message, cause and details; details is empty when none are given', () => {
    const cause = new Error('disk full');
    const error = new PrismindError('ENGINE_FAILURE', 'the batch failed', {
      cause,
      details: { game: 3 },
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PrismindError');
    expect([error.code, error.message, error.cause]).toEqual([
      'ENGINE_FAILURE',
      'the batch failed',
      cause,
    ]);
    expect(error.details).toEqual({ game: 3 });
    const bare = new PrismindError('INVALID_BOARD', 'no board');
    expect(bare.details).toEqual({});
    expect('cause' in bare).toBe(false);
  });

  it('is the base of a package error with its own codes and name', () => {
    const error = new ExampleError('EXAMPLE_MISSING', 'no example at x', {
      details: { path: 'x' },
    });
    expect(error).toBeInstanceOf(PrismindError);
    expect(error.name).toBe('ExampleError');
    expect(error.details).toEqual({ path: 'x' });
    expect(String(error)).toBe('ExampleError: no example at x');
    expect(isPrismindError(error)).toBe(true);
    expect(isCodedError(error, ExampleError, 'EXAMPLE_MISSING')).toBe(true);
    expect(isCodedError(error, ExampleError, 'EXAMPLE_BROKEN')).toBe(false);
    expect(isCodedError(new PrismindError('INVALID_BOARD', 'x'), ExampleError)).toBe(false);
  });

  it('isPrismindError with a code matches that code only', () => {
    const error = new PrismindError('INVALID_SQUARE', 'z9 is not a square');
    expect(isPrismindError(error, 'INVALID_SQUARE')).toBe(true);
    expect(isPrismindError(error, 'INVALID_BOARD')).toBe(false);
    expect(isPrismindError(new Error('plain'))).toBe(false);
    expect(isPrismindError({ code: 'INVALID_SQUARE', message: 'look-alike' })).toBe(false);
  });
});
