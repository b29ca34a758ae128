import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/fixtures';
import { cli, start, waitUntil } from './support/spawn';

// `prismind-cli ... | head -1`: the reader of stdout goes away while the command still writes.
const tmp = tempDir();
afterAll(() => tmp.remove());

const NO_CRASH = /EPIPE|at .*\(|Error:/;

function json(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

describe('a closed stdout (spawned)', () => {
  const run = join(tmp.dir, 'small');
  beforeAll(async () => {
    const r = await cli(['train', '--run-dir', run, '--games', '300', '--backend', 'js']);
    expect(r.code).toBe(0);
  });

  it('status and checkpoint list exit quietly with their usual code', async () => {
    for (const args of [
      ['status', '--run-dir', run],
      ['status', '--run-dir', run, '--json'],
      ['checkpoint', 'list', run],
    ]) {
      const running = start(args);
      running.child.stdout!.destroy();
      running.child.stdin!.end();
      const done = await running.done;
      expect({ args, code: done.code, signal: done.signal }).toEqual({
        args,
        code: 0,
        signal: null,
      });
      expect(done.stderr).not.toMatch(NO_CRASH);
    }
  });

  it('train keeps training to its target and saves, with no stack trace and no stale lock', async () => {
    const dir = join(tmp.dir, 'train');
    const trainer = start([
      'train',
      '--run-dir',
      dir,
      '--games',
      '3000',
      '--backend',
      'js',
      '--interval',
      '0.2',
    ]);
    trainer.child.stdin!.end();
    await waitUntil(() => trainer.stdout().split('\n').length > 2, 'two lines of output');
    trainer.child.stdout!.destroy();
    const done = await trainer.done;
    expect(done.code).toBe(0);
    expect(done.stderr).not.toMatch(NO_CRASH);
    expect(json(join(dir, 'status.json')).state).toBe('completed');
    expect(readdirSync(join(dir, 'checkpoints'))).toContain('ckpt-000000003000.prsm');
    expect(existsSync(join(dir, 'run.lock'))).toBe(false);
  });
});
