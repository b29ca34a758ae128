import { describe, expect, it } from 'vitest';
import { isPrismindError, PrismindError, schemaError } from './errors';
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
