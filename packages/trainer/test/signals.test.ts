import { CheckpointManager, verifyCheckpointFile } from '@prismind/checkpoint';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, readRunStatus } from '../src/index';
import { spawnTrainer } from './support/child';
import { tempDir } from './support/run-dir';

/** handleSignals: true, as the CLI runs it: SIGINT/SIGTERM stop cleanly, a second SIGINT at once. */
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

const base = {
  engine: 'fake',
  msPerGame: 3, // batches of 100 games last ≥ 300 ms: a signal 50 ms after a checkpoint lands mid-batch
  targetGames: 1_000_000,
  checkpointInterval: 100,
  callbackInterval: 100,
  handleSignals: true,
};

describe('signals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s stops the batch in hand, saves, writes the outcome and exits 0',
    async (signal) => {
      const runDir = join(dir, signal);
      const trainer = spawnTrainer({ ...base, runDir });
      await trainer.line('checkpoint 100');
      await new Promise((r) => setTimeout(r, 50)); // mid-batch
      const sent = performance.now();
      trainer.child.kill(signal);
      const exit = await trainer.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(performance.now() - sent).toBeLessThan(5_000);
      const result = JSON.parse((await trainer.line('result ')).slice(7));
      expect(result).toMatchObject({ outcome: 'stopped', reason: `signal:${signal}` });
      const status = readRunStatus(runDir)!;
      expect(status).toMatchObject({ state: 'stopped', reason: `signal:${signal}`, live: false });
      expect(status.games).toBe(result.gamesCompleted);
      expect(status.games % 100).not.toBe(0); // the batch in hand was cut short, and kept
      const manifest = readManifest(runDir)!;
      expect(manifest).toMatchObject({ outcome: 'stopped', outcomeReason: `signal:${signal}` });
      expect(manifest.sessions[0]!.endedAt).not.toBeNull();
      const latest = await (await CheckpointManager.open(join(runDir, 'checkpoints'))).loadLatest();
      expect(latest.state.gamesCompleted).toBe(status.games);
      expect(readdirSync(runDir)).not.toContain('run.lock');
    },
  );

  it('a second SIGINT exits at once, leaving only valid checkpoints; the run resumes', async () => {
    const runDir = join(dir, 'twice');
    // this engine takes 5 s to honour a stop: the second SIGINT comes while the first waits
    const trainer = spawnTrainer({ ...base, runDir, stopDelayMs: 5_000 });
    await trainer.line('checkpoint 200');
    await new Promise((r) => setTimeout(r, 50)); // a batch is in hand
    trainer.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    const sent = performance.now();
    trainer.child.kill('SIGINT');
    const exit = await trainer.exited;
    expect(performance.now() - sent).toBeLessThan(1_000);
    expect(exit.code).toBe(130);
    const names = readdirSync(join(runDir, 'checkpoints')).filter((n) => n.endsWith('.prsm'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect((await verifyCheckpointFile(join(runDir, 'checkpoints', name))).ok).toBe(true);
    }
    const reported = Math.max(...trainer.numbers('checkpoint'));
    const again = spawnTrainer({
      ...base,
      runDir,
      handleSignals: false,
      targetGames: reported + 100,
    });
    expect(Number((await again.line('ready ')).split(' ')[1])).toBe(reported);
    const result = JSON.parse((await again.line('result ')).slice(7));
    expect(result).toMatchObject({ outcome: 'completed', gamesCompleted: reported + 100 });
  });
});
