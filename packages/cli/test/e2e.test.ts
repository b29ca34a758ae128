import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectEngine } from '../src/model';
import { tempDir } from './support/fixtures';
import { cli, start, waitUntil } from './support/spawn';

const tmp = tempDir();
const run = join(tmp.dir, 'e2e');
let backend: 'native' | 'js' = 'js';
let games = 0;

beforeAll(async () => {
  // native when its binary loads (CI builds it), else the TypeScript engine: same flow, smaller
  // run. PRISMIND_E2E_BACKEND=js forces the TypeScript engine.
  const forced = process.env.PRISMIND_E2E_BACKEND;
  const selection = await selectEngine(forced === 'js' || forced === 'native' ? forced : 'auto');
  backend = selection.backend;
  await selection.engine.dispose();
  games = backend === 'native' ? 20_000 : 10_000;
});
afterAll(() => tmp.remove());

function status(): { state?: string; games?: number } {
  const path = join(run, 'status.json');
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return {};
  }
}

describe('end to end: train from the CLI, pause and resume from other processes, evaluate', () => {
  it('trains, pauses, resumes, completes, and the model beats random in >= 90% of games', async () => {
    const t0 = Date.now();
    const trainer = start([
      'train',
      '--run-dir',
      run,
      '--games',
      String(games),
      '--backend',
      backend,
      '--depth',
      '1',
      '--seed',
      '11',
      '--checkpoint-interval',
      '2000',
      '--interval',
      '1',
    ]);
    await waitUntil(() => status().state === 'training', 'the run to start', 60_000);

    // pause from a second process: the trainer saves and waits
    const paused = await cli(['pause', '--run-dir', run]);
    expect(paused.stderr).toBe('');
    expect(paused.code).toBe(0);
    expect(paused.stdout).toMatch(/^paused at \d+ games/);
    const atPause = Number(/paused at (\d+)/.exec(paused.stdout)![1]);
    expect(atPause).toBeGreaterThan(0);
    expect(atPause).toBeLessThan(games);

    const s = await cli(['status', '--run-dir', run, '--json']);
    expect(s.code).toBe(0);
    const report = JSON.parse(s.stdout);
    expect(report).toMatchObject({ state: 'paused', live: true, gamesCompleted: atPause, backend });
    expect(report.latestCheckpoint.games).toBe(atPause);
    expect(trainer.child.exitCode).toBeNull();
    await waitUntil(() => trainer.stdout().includes('paused'), 'the trainer to say it paused');

    const snapshot = await cli(['monitor', '--run-dir', run, '--once']);
    expect(snapshot.stdout).toMatch(/paused/);

    // follow it from a third process while a fourth resumes it
    const monitor = start(['monitor', '--run-dir', run, '--interval', '0.2']);
    const resumed = await cli(['resume', '--run-dir', run]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^resumed: training from \d+ games/);

    const finished = await trainer.done;
    expect(finished.stderr).toBe('');
    expect(finished.code).toBe(0);
    expect(finished.stdout).toContain(`backend ${backend}`);
    expect(finished.stdout).toMatch(
      new RegExp(`run completed \\(target reached\\) at ${games.toLocaleString('en-US')} of`),
    );
    expect(finished.stdout).toMatch(/games \d+\/\d+ \(\d+\.\d%\) +[\d,.-]+ games\/s +ETA/);
    const watched = await monitor.done;
    expect(watched.code).toBe(0);
    expect(watched.stdout).toContain(`run completed at ${games.toLocaleString('en-US')} games`);
    const trainedIn = (Date.now() - t0) / 1000;

    const verify = await cli([
      'checkpoint',
      'verify',
      join(run, 'checkpoints', `ckpt-${String(games).padStart(12, '0')}.prsm`),
    ]);
    expect(verify.code).toBe(0);

    const t1 = Date.now();
    const evaluation = await cli([
      'evaluate',
      run,
      '--opponent',
      'random',
      '--games',
      '200',
      '--depth',
      '3',
      '--backend',
      backend,
    ]);
    expect(evaluation.stderr).toBe('');
    expect(evaluation.code).toBe(0);
    console.log(
      `e2e (${backend}): ${games} games trained in ${trainedIn.toFixed(1)} s with a pause at ${atPause}; ` +
        `evaluation in ${((Date.now() - t1) / 1000).toFixed(1)} s:\n${evaluation.stdout}`,
    );
    const score = Number(/score (\d+\.\d)%/.exec(evaluation.stdout)![1]) / 100;
    expect(evaluation.stdout).toMatch(/vs random .*: 200 games/);
    expect(evaluation.stdout).toMatch(/W\/D\/L \d+\/\d+\/\d+/);
    expect(evaluation.stdout).toMatch(/Elo difference/);
    expect(score).toBeGreaterThanOrEqual(0.9);
  }, 240_000);
});
