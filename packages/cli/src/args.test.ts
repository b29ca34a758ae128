import { describe, expect, it } from 'vitest';
import { backendArg, decimal, integer, oneOf } from './args';
import { CliError, EXIT } from './errors';

function failure(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error('expected a CliError');
}

describe('flag parsers', () => {
  it('integer takes integers in range, underscores too, and the last of repeated flags', () => {
    const parse = integer('games', 1, 1_000_000);
    expect(parse('2000')).toBe(2000);
    expect(parse(5)).toBe(5);
    expect(parse('10_000')).toBe(10_000);
    expect(parse([3, 4])).toBe(4);
  });

  it('integer refuses what is not an integer in range, naming the flag (exit 2)', () => {
    const parse = integer('threads', 1, 256);
    for (const bad of ['abc', '0', '257', '1.5', '', 'NaN']) {
      const error = failure(() => parse(bad));
      expect(error.code).toBe('BAD_ARGUMENT');
      expect(error.exitCode).toBe(EXIT.USAGE);
      expect(error.message).toMatch(/^--threads: ".*" is not an integer 1\.\.256$/);
    }
  });

  it('decimal takes numbers in range', () => {
    const parse = decimal('epsilon', 0, 1);
    expect(parse('0.25')).toBe(0.25);
    expect(failure(() => parse('1.5')).message).toBe('--epsilon: "1.5" is not a number 0..1');
    expect(failure(() => parse('x')).message).toContain('--epsilon');
    expect(failure(() => parse(' ')).message).toContain('--epsilon');
  });

  it('oneOf and the backend flag', () => {
    expect(backendArg('native')).toBe('native');
    expect(failure(() => backendArg('gpu')).message).toBe(
      '--backend: "gpu" is not one of auto, native, js',
    );
    expect(oneOf('x', ['a', 'b'])('b')).toBe('b');
  });
});
