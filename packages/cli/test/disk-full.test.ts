import { WEIGHTS_PER_STAGE } from '@prismind/board';
import { verifyCheckpointFile } from '@prismind/checkpoint';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statfsSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/fixtures';
import { cli } from './support/spawn';

/** A one-stage checkpoint, uncompressed: weights, adamM and adamV as f32 (the header is extra). */
const CHECKPOINT_BYTES = WEIGHTS_PER_STAGE * 3 * 4;
const GAMES = 1_000;

const tmp = tempDir('prismind-disk-full-');
const disk = join(tmp.dir, 'disk');
const ballast = join(disk, 'ballast');
const run = join(disk, 'run');
let skipped: string | undefined;

/**
 * A small real filesystem: a tmpfs (root only), filled with ballast until one checkpoint fits and
 * a second does not. Without root or mount the test is skipped, saying why.
 */
beforeAll(() => {
  if (process.getuid?.() !== 0) {
    skipped = 'not root: cannot mount a tmpfs';
    return;
  }
  mkdirSync(disk);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', disk], { stdio: 'pipe' });
  } catch (error) {
    skipped = `mount -t tmpfs failed: ${(error as Error).message}`;
    return;
  }
  const { bavail, bsize } = statfsSync(disk);
  // room for one checkpoint and a third of another, plus the run's logs and metrics
  const room = Math.round(1.3 * CHECKPOINT_BYTES) + 512 * 1024;
  writeFileSync(ballast, Buffer.alloc(bavail * bsize - room));
});

afterAll(() => {
  if (skipped === undefined) execFileSync('umount', [disk]);
  tmp.remove();
});

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a full disk', () => {
  it('pauses the run, train exits 1 at its last checkpoint, resume completes once space is back', async (context) => {
    if (skipped !== undefined) {
      console.log(`disk-full test skipped: ${skipped}`);
      context.skip();
    }
    const train = await cli([
      'train',
      '--run-dir',
      run,
      '--games',
      String(GAMES),
      '--backend',
      'js',
      '--stages',
      '1',
      '--seed',
      '3',
      '--checkpoint-interval',
      '200',
      '--no-compress',
      '--json',
    ]);
    const lines = jsonLines(train.stdout);
    const paused = lines.find((l) => l.type === 'paused');
    expect(paused).toMatchObject({ games: 400, reason: 'checkpoint-failed: disk full (ENOSPC)' });
    expect(train.code).toBe(1);
    expect(train.stderr).toMatch(
      /could not be written \(checkpoint-failed: disk full \(ENOSPC\)\)/,
    );
    expect(train.stderr).toMatch(/prismind-cli resume --run-dir/);
    expect(lines.find((l) => l.type === 'result')).toMatchObject({
      outcome: 'stopped',
      gamesCompleted: 200,
    });

    // the checkpoint written before the disk filled is kept, valid, with no temp file beside it
    const files = readdirSync(join(run, 'checkpoints'));
    expect(files).toEqual(['ckpt-000000000200.prsm']);
    expect((await verifyCheckpointFile(join(run, 'checkpoints', files[0]!))).ok).toBe(true);
    const status = await cli(['status', '--run-dir', run, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      state: 'stopped',
      reason: 'checkpoint-failed: disk full (ENOSPC)',
      gamesCompleted: 200,
    });

    rmSync(ballast);
    const resume = await cli(['resume', '--run-dir', run, '--json']);
    expect(resume.stderr).toBe('');
    expect(resume.code).toBe(0);
    expect(jsonLines(resume.stdout).find((l) => l.type === 'result')).toMatchObject({
      outcome: 'completed',
      gamesCompleted: GAMES,
    });
  }, 180_000);
});
