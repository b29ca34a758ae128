import { PrismindError } from '@prismind/board/contracts';
import { CheckpointError } from '@prismind/checkpoint';
import { describe, expect, it } from 'vitest';
import { badArgument, CliError, EXIT, exitCodeOf, reportError } from './errors';
import { bufferedIO } from './io';

describe('CliError', () => {
  it('is a PrismindError whose exit code follows its code', () => {
    const usage = badArgument('--games', 'expected a positive integer');
    expect(usage).toBeInstanceOf(PrismindError);
    expect([usage.name, usage.code, usage.exitCode]).toEqual(['CliError', 'BAD_ARGUMENT', 2]);
    expect(usage.message).toBe('--games: expected a positive integer');
    expect(new CliError('NOT_FOUND', 'no run at runs/x').exitCode).toBe(EXIT.FAILURE);
  });

  it("reports any package's coded error as one expected line, and a bug as unexpected", () => {
    const io = bufferedIO();
    const code = reportError(new CheckpointError('CKPT_BAD_MAGIC', 'x.prsm: not a checkpoint'), io);
    expect(code).toBe(EXIT.FAILURE);
    expect(io.err()).toBe('prismind-cli: x.prsm: not a checkpoint [CKPT_BAD_MAGIC]\n');
    expect(exitCodeOf(new PrismindError('INVALID_OPTIONS', 'bad'))).toBe(EXIT.USAGE);
    const bug = bufferedIO();
    reportError(new TypeError('x is undefined'), bug);
    expect(bug.err()).toContain('prismind-cli: unexpected error: x is undefined\n');
  });

  it("names Node's errno code and the CLI's own codes", () => {
    const missing = bufferedIO();
    const enoent = Object.assign(new Error('runs/x: no such file or directory'), {
      code: 'ENOENT',
    });
    expect(reportError(enoent, missing)).toBe(EXIT.FAILURE);
    expect(missing.err()).toBe('prismind-cli: runs/x: no such file or directory [ENOENT]\n');
    const usage = bufferedIO();
    expect(reportError(badArgument('--games', 'expected a positive integer'), usage)).toBe(
      EXIT.USAGE,
    );
    expect(usage.err()).toBe('prismind-cli: --games: expected a positive integer [BAD_ARGUMENT]\n');
  });
});
