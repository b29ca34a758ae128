import { TrainingManager } from '@prismind/trainer';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/fixtures';
import { bufferedIO } from '../io';
import { runCli } from '../main';

const tmp = tempDir();
afterAll(() => tmp.remove());
const run = join(tmp.dir, 'r1');

async function cli(...argv: string[]) {
  const io = bufferedIO();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

// One run, in order: train, the one-shot commands on it, resume it further, JSON output.
describe('train, status, resume, monitor in this process (js backend)', () => {
  it('train runs to its target with plain progress lines and a summary', async () => {
    const r = await cli(
      'train',
      '--run-dir',
      run,
      '--games',
      '200',
      '--backend',
      'js',
      '--seed',
      '3',
      '--checkpoint-interval',
      '100',
      '--callback-interval',
      '50',
      '--interval',
      '0',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`training 200 games in ${run}`);
    expect(r.out).toContain('backend js (js requested)');
    expect(r.out).toMatch(/games \d+\/200 \(\d+\.\d%\)/);
    expect(r.out).toMatch(/checkpoint .*ckpt-000000000100\.prsm \(100 games, interval\)/);
    expect(r.out).toMatch(/run completed \(target reached\) at 200 of 200 games/);
    expect(r.out).toMatch(/latest checkpoint: .*ckpt-000000000200\.prsm/);
    expect(r.out).not.toContain('\x1b[');
  });

  it('train refuses a directory that already holds a run', async () => {
    const r = await cli('train', '--run-dir', run, '--games', '10');
    expect(r.code).toBe(1);
    expect(r.err.trim()).toMatch(
      /already holds run r1 \(200 games, completed\); continue it with: prismind-cli resume --run-dir/,
    );
  });

  it('status prints the state, games, games/s and the latest checkpoint; --json for scripts', async () => {
    const text = await cli('status', '--run-dir', run);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^run r1: completed \(target reached\) - no process holds it/);
    expect(text.out).toContain('games 200 of 200 (100.0%)');
    const r = await cli('status', '--run-dir', run, '--json');
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({
      state: 'completed',
      live: false,
      gamesCompleted: 200,
      targetGames: 200,
      gamesPerSecond: null,
      backend: 'js',
      seed: 3,
    });
    expect(json.latestCheckpoint.path).toMatch(/ckpt-000000000200\.prsm$/);
  });

  it('pause and stop need a live trainer; resume needs something left to do', async () => {
    for (const command of ['pause', 'stop']) {
      const r = await cli(command, '--run-dir', run);
      expect(r.code).toBe(1);
      expect(r.err.trim()).toMatch(
        new RegExp(`no live trainer to ${command}: its state is completed`),
      );
    }
    const r = await cli('resume', '--run-dir', run);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toMatch(/has 200 games, its target is 200: nothing to resume/);
  });

  it('monitor --once shows a snapshot; monitor on an ended run says so and exits 0', async () => {
    const once = await cli('monitor', '--run-dir', run, '--once');
    expect(once.code).toBe(0);
    expect(once.out).toMatch(/^run r1 {2}completed {2}backend js/);
    expect(once.out).toContain('200/200 games');
    expect(once.out).toMatch(/discs [+-]\d+\.\d/);
    const follow = await cli('monitor', '--run-dir', run, '--interval', '0.05');
    expect(follow.code).toBe(0);
    expect(follow.out).toContain('run completed at 200 games');
    const json = await cli('monitor', '--run-dir', run, '--once', '--json');
    const records = json.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      records.filter((r) => r.type === 'metrics' && r.kind === 'stats').length,
    ).toBeGreaterThan(0);
    expect(records.at(-1)).toMatchObject({ type: 'status', state: 'completed', games: 200 });
  });

  it('resume --games trains further here, from the latest checkpoint, with --json lines', async () => {
    const r = await cli('resume', '--run-dir', run, '--games', '300', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const types = new Set(lines.map((l) => l.type));
    for (const type of ['backend', 'state', 'progress', 'checkpoint', 'result']) {
      expect(types.has(type), type).toBe(true);
    }
    const result = lines.at(-1);
    expect(result).toMatchObject({
      type: 'result',
      outcome: 'completed',
      gamesCompleted: 300,
      sessionGames: 100,
    });
    const status = JSON.parse((await cli('status', '--run-dir', run, '--json')).out);
    expect(status.gamesCompleted).toBe(300);
  });

  it('resume and train on a run a live trainer holds', async () => {
    const live = join(tmp.dir, 'live');
    const manager = new TrainingManager({
      runDir: live,
      backend: 'js',
      logEcho: false,
      statusIntervalMs: 50,
    });
    const done = manager.start({ targetGames: 1_000_000 });
    await new Promise<void>((resolve) => {
      const off = manager.on('progress', () => {
        off();
        resolve();
      });
    });
    const again = await cli('resume', '--run-dir', live);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^already training \(process \d+, [\d,]+ games\)/);
    const more = await cli('resume', '--run-dir', live, '--games', '5');
    expect(more.code).toBe(1);
    expect(more.err).toMatch(
      /is being trained by process \d+ \(training\); --games applies only to a run no process holds/,
    );
    const train = await cli('train', '--run-dir', live);
    expect(train.code).toBe(1);
    expect(train.err).toMatch(/already holds run live/);
    await manager.stop();
    expect((await done).outcome).toBe('stopped');
  });

  it('a run whose process died shows as interrupted', async () => {
    const path = join(run, 'status.json');
    const status = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...status, state: 'training', pid: 2 ** 22 + 12345 }));
    const r = await cli('status', '--run-dir', run, '--json');
    expect(JSON.parse(r.out)).toMatchObject({ state: 'interrupted', live: false });
    const m = await cli('monitor', '--run-dir', run, '--interval', '0.05');
    expect(m.code).toBe(1);
    expect(m.err.trim()).toMatch(/trainer process \d+ is no longer running/);
  });
});
