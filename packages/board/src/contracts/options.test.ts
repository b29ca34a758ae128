import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/errors';
import { DEFAULT_TT_BYTES, MAX_TT_BYTES, MIN_TT_BYTES, resolveEngineOptions } from './options';
import { DEFAULT_STAGES, MAX_STAGES } from './types';

describe('resolveEngineOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveEngineOptions()).toEqual({ stages: DEFAULT_STAGES, ttBytes: DEFAULT_TT_BYTES });
    expect(resolveEngineOptions({})).toEqual({ stages: 30, ttBytes: 8 * 1024 * 1024 });
    expect(resolveEngineOptions({ stages: undefined, ttBytes: undefined })).toEqual({
      stages: 30,
      ttBytes: 8 * 1024 * 1024,
    });
  });

  it('keeps valid values, the bounds included, and ignores other fields', () => {
    expect(resolveEngineOptions({ stages: 1, ttBytes: MIN_TT_BYTES })).toEqual({
      stages: 1,
      ttBytes: 64,
    });
    expect(resolveEngineOptions({ stages: MAX_STAGES, ttBytes: MAX_TT_BYTES })).toEqual({
      stages: 61,
      ttBytes: 2 ** 30,
    });
    expect(resolveEngineOptions({ stages: 2, testHooks: {} })).toEqual({
      stages: 2,
      ttBytes: DEFAULT_TT_BYTES,
    });
  });

  it('rejects stage counts outside 1..61 or not whole, naming the value', () => {
    for (const stages of [0, 62, 1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, '3']) {
      const error = errorOf(() => resolveEngineOptions({ stages }));
      expect(error.code, String(stages)).toBe('INVALID_OPTIONS');
      expect(error.message).toBe(`stages is ${String(stages)}; expected an integer 1..61`);
      expect(error.details).toEqual({ stages });
    }
  });

  it('rejects ttBytes outside 64..2^30 or not whole', () => {
    for (const ttBytes of [63, 0, -5, 2 ** 30 + 1, 2 ** 31, 1.5, Number.NaN, '64']) {
      const error = errorOf(() => resolveEngineOptions({ ttBytes }));
      expect(error.code, String(ttBytes)).toBe('INVALID_OPTIONS');
      expect(error.message).toMatch(
        new RegExp(`^ttBytes is ${String(ttBytes)}; expected an integer 64\\.\\.2\\^30 \\(1 GiB`),
      );
      expect(error.details).toEqual({ ttBytes });
    }
  });

  it('checks stages before ttBytes', () => {
    expect(errorOf(() => resolveEngineOptions({ stages: 0, ttBytes: 0 })).details).toEqual({
      stages: 0,
    });
  });

  it('rejects options that are not an object', () => {
    for (const [options, kind] of [
      [null, 'null'],
      [5, 'number'],
      ['big', 'string'],
    ] as const) {
      const error = errorOf(() => resolveEngineOptions(options));
      expect(error.code).toBe('INVALID_OPTIONS');
      expect(error.message).toBe(
        `engine options are ${kind}; expected an object such as { stages?, ttBytes? }`,
      );
    }
  });
});
