import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsEngine } from '@prismind/js-core';
import {
  type EngineRestartEvent,
  isTrainerError,
  type PausedEvent,
  type RunManifest,
  readManifest,
  readRunStatus,
  type TrainingManagerOptions,
  TrainingManager,
} from '../src/index';
import type { FakeEngineOptions } from './support/fake-engine';
import { fakeRunManager, latestModel } from './support/fake-run';
import { readJson, readJsonLines, tempDir } from './support/run-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

function manager(
  name: string,
  fake: FakeEngineOptions = {},
  options: Partial<TrainingManagerOptions> = {},
) {
  return fakeRunManager(dir, name, { msPerGame: 0.05, seed: 3 }, fake, options);
}

function sameBytes(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

describe('failed games', () => {
  it('a single failed game is logged and skipped; the run goes on', async () => {
    const { m, runDir } = manager('one', { failGame: (g) => g === 37 });
    const failed: number[] = [];
    m.on('game-failed', (e) => failed.push(e.game));
    const result = await m.start({ targetGames: 500, checkpointInterval: 100 });
    expect(result).toMatchObject({ outcome: 'completed', gamesCompleted: 500, errorCount: 1 });
    expect(result.errors.byKindTotal).toEqual({ injected: 1 });
    expect(failed).toEqual([37]);
    const logs = await readJsonLines(join(runDir, 'logs', 'train.jsonl'));
    const line = logs.find((l) => l.event === 'game_failed');
    expect(line).toMatchObject({ level: 40, game: 37, kind: 'injected' });
    const metrics = await readJsonLines(join(runDir, 'metrics.jsonl'));
    expect(metrics.filter((r) => r.kind === 'game_failed')).toHaveLength(1);
    expect(readRunStatus(runDir)!.errors.count).toBe(1);
    // the failed game's number is used up: 499 games learned from, 500 numbered
    expect((await latestModel(runDir)).step).toBe(499);
  });

  it('an error storm (2% of games) saves a checkpoint, pauses and reports the pattern', async () => {
    const storm = (g: number) => g % 50 === 7;
    const { m, runDir } = manager('storm', { failGame: storm }, { errorWindowGames: 1_000 });
    const paused: PausedEvent[] = [];
    const saved: { games: number; reason: string }[] = [];
    m.on('paused', (e) => paused.push(e));
    m.on('checkpoint', (e) => saved.push({ games: e.games, reason: e.reason }));
    const run = m.start({ targetGames: 100_000, checkpointInterval: 10_000, callbackInterval: 50 });
    await waitUntil(() => paused.length === 1);
    expect(m.state).toBe('paused');
    const first = paused[0]!;
    expect(first.reason).toBe('error-rate');
    // 1% of a 1,000-game window is 10 errors: the 11th (game 507) trips it, at the batch's end
    expect(first.games).toBe(550);
    expect(saved).toEqual([{ games: 550, reason: 'error-rate' }]);
    expect(first.errors).toMatchObject({ threshold: 0.01, byKind: { injected: 11 } });
    expect(first.errors!.rate).toBeCloseTo(0.02, 2);
    expect(first.errors!.lastErrors).toHaveLength(5);
    expect(first.errors!.lastErrors.at(-1)).toMatchObject({
      kind: 'injected',
      game: 507,
      message: 'injected failure in game 507',
    });
    const status = readRunStatus(runDir)!;
    expect(status).toMatchObject({ state: 'paused', reason: 'error-rate', games: 550 });
    expect(status.errors).toMatchObject({ count: 11, byKind: { injected: 11 } });
    expect(status.errors.last?.at(-1)).toMatchObject({ kind: 'injected', game: 507 });
    const logs = await readJsonLines(join(runDir, 'logs', 'train.jsonl'));
    const line = logs.find((l) => l.event === 'error_storm');
    expect(line).toMatchObject({ level: 50, action: 'pause', byKind: { injected: 11 } });
    expect(String(line!.msg)).toContain('injected 11');

    // resuming starts a fresh window; the storm goes on, so it pauses again ~550 games later
    await m.resume();
    await waitUntil(() => paused.length === 2);
    expect(paused[1]!.games).toBe(1_100);
    const result = await m.stop();
    await run;
    expect(result.outcome).toBe('stopped');
    expect(result.errorCount).toBe(22);
    expect(result.errors.byKindTotal).toEqual({ injected: 22 });
    expect(result.errors.lastErrors.map((e) => e.game)).toEqual([857, 907, 957, 1007, 1057]);
  });

  it('counts every failed game, not only the 100 an engine lists', async () => {
    // 250 of the first 300 games fail inside one batch: the engine lists 100 of them
    const { m, runDir } = manager(
      'many-failures',
      { failGame: (g) => g >= 50 && g < 300 },
      { errorWindowGames: 1_000, errorAction: 'stop' },
    );
    const result = await m.start({
      targetGames: 1_000,
      checkpointInterval: 1_000,
      callbackInterval: 1_000,
    });
    expect(result.outcome).toBe('stopped');
    expect(result.errorCount).toBe(250);
    expect(result.errors.byKindTotal).toEqual({ injected: 100, game_failed: 150 });
    expect(readRunStatus(runDir)!.errors.count).toBe(250);
  });

  it("errorAction 'stop' ends the run with the pattern in the result", async () => {
    const { m, runDir } = manager(
      'storm-stop',
      { failGame: (g) => g % 50 === 7 },
      { errorWindowGames: 1_000, errorAction: 'stop' },
    );
    const result = await m.start({
      targetGames: 100_000,
      checkpointInterval: 10_000,
      callbackInterval: 50,
    });
    expect(result).toMatchObject({ outcome: 'stopped', reason: 'error-rate', gamesCompleted: 550 });
    expect(result.errors.byKind).toEqual({ injected: 11 });
    expect(result.latestCheckpoint).toContain('ckpt-000000000550.prsm');
    const manifest = await readJson<RunManifest>(join(runDir, 'manifest.json'));
    expect(manifest).toMatchObject({ outcome: 'stopped', outcomeReason: 'error-rate' });
  });
});

describe('the watchdog', () => {
  it('a hung batch is detected, the engine recreated from the last checkpoint, the run recovers', async () => {
    const { m, factory, runDir } = manager(
      'hang',
      { hangBatch: (instance, batch) => instance === 0 && batch === 3 },
      { watchdog: { stallSeconds: 1 } },
    );
    const restarts: EngineRestartEvent[] = [];
    m.on('engine-restart', (e) => restarts.push(e));
    const result = await m.start({
      targetGames: 600,
      checkpointInterval: 200,
      callbackInterval: 100,
    });
    expect(result).toMatchObject({ outcome: 'completed', gamesCompleted: 600, engineRestarts: 1 });
    expect(result.errors.byKindTotal).toEqual({ engine_hang: 1 });
    expect(restarts).toEqual([
      {
        games: 200,
        lostGames: 100,
        cause: expect.stringMatching(/no progress for \d+ ms/),
        restarts: 1,
      },
    ]);
    expect(factory.engines).toHaveLength(2);
    expect(factory.engines[0]!.disposed).toBe(true);
    const logs = await readJsonLines(join(runDir, 'logs', 'train.jsonl'));
    expect(logs.find((l) => l.event === 'engine_failed')).toMatchObject({
      level: 50,
      kind: 'engine_hang',
    });

    // replayed from the checkpoint, the games are the same games: same weights as a clean run
    const clean = manager('clean');
    await clean.m.start({ targetGames: 600, checkpointInterval: 200, callbackInterval: 100 });
    const [a, b] = [await latestModel(runDir), await latestModel(clean.runDir)];
    expect(sameBytes(a.weights, b.weights)).toBe(true);
    expect(sameBytes(a.adamM, b.adamM)).toBe(true);
    expect(a.step).toBe(b.step);
  });

  it('a crashed batch before any checkpoint restarts from a fresh model', async () => {
    const { m, factory } = manager('crash', {
      crashBatch: (instance, batch) => instance === 0 && batch === 1,
    });
    const result = await m.start({
      targetGames: 300,
      checkpointInterval: 1_000,
      callbackInterval: 100,
    });
    expect(result).toMatchObject({ gamesCompleted: 300, engineRestarts: 1 });
    expect(result.errors.byKindTotal).toEqual({ engine_crash: 1 });
    expect(factory.engines[1]!.getState().games).toBe(300);
  });

  it('a stop request the engine ignores counts as a hang; the pause still completes', async () => {
    const { m } = manager(
      'deaf',
      { msPerGame: 1, stopDelayMs: 60_000 },
      { watchdog: { stopGraceSeconds: 0.2 }, progressIntervalMs: 0 },
    );
    let pausing: Promise<number> | undefined;
    let requestedAt = 0;
    m.on('progress', (e) => {
      // in the middle of the second batch (games 100..200), while it runs
      if (pausing !== undefined || e.games < 130 || e.games > 180) return;
      requestedAt = performance.now();
      pausing = m.pause();
    });
    const run = m.start({ targetGames: 10_000, checkpointInterval: 100, callbackInterval: 100 });
    while (pausing === undefined) await new Promise((r) => setTimeout(r, 5));
    const games = await pausing;
    expect(performance.now() - requestedAt).toBeLessThan(10_000);
    expect(games).toBe(100); // rolled back to the last checkpoint
    expect(m.state).toBe('paused');
    const result = await m.stop();
    await run;
    expect(result.errors.byKindTotal).toEqual({ engine_hang: 1 });
  });

  it('an engine that keeps failing fails the run, with the result in the error', async () => {
    const { m, runDir } = manager(
      'doomed',
      { hangBatch: (_instance, batch) => batch === 0 },
      { watchdog: { stallSeconds: 0.1, maxRestarts: 2 } },
    );
    const error = await m.start({ targetGames: 100 }).catch((e) => e);
    expect(isTrainerError(error, 'TRAINING_FAILED')).toBe(true);
    expect(error.message).toMatch(/failed 3 times without a checkpoint/);
    expect(error.details.result).toMatchObject({ outcome: 'failed', engineRestarts: 3 });
    expect(m.state).toBe('failed');
    expect(readRunStatus(runDir)).toMatchObject({ state: 'failed', live: false });
    const manifest = await readJson<RunManifest>(join(runDir, 'manifest.json'));
    expect(manifest.outcome).toBe('failed');
    expect(manifest.sessions[0]!.outcome).toBe('failed');
  });

  it('recovers the real JS engine from a worker that dies mid-batch, bit for bit', async () => {
    const run = (name: string, crash: boolean) =>
      new TrainingManager({
        runDir: join(dir, name),
        stages: 30,
        seed: 9,
        logEcho: false,
        engineFactory: ({ stages, attempt }) =>
          createJsEngine({ stages, testHooks: crash && attempt === 0 ? { crashAtGame: 150 } : {} }),
      }).start({ targetGames: 200, checkpointInterval: 100 });
    const crashed = await run('js-crash', true);
    expect(crashed).toMatchObject({ gamesCompleted: 200, engineRestarts: 1 });
    expect(crashed.errors.byKindTotal).toEqual({ engine_crash: 1 });
    await run('js-clean', false);
    const [a, b] = [
      await latestModel(join(dir, 'js-crash')),
      await latestModel(join(dir, 'js-clean')),
    ];
    expect(a.games).toBe(200);
    expect(sameBytes(a.weights, b.weights)).toBe(true);
    expect(sameBytes(a.adamV, b.adamV)).toBe(true);
  });
});

describe('weights and checkpoints', () => {
  it('NaN weights are reset at checkpoint time and logged with pattern, stage and index', async () => {
    const { m, runDir } = manager('nan', { nanAtGame: 50 });
    const resets: number[] = [];
    m.on('weights-reset', (e) => resets.push(e.count));
    const result = await m.start({ targetGames: 200, checkpointInterval: 100 });
    expect(resets).toEqual([1]);
    expect(result.weightResets).toBe(1);
    const model = await latestModel(runDir);
    expect(model.weights.every(Number.isFinite)).toBe(true);
    const logs = await readJsonLines(join(runDir, 'logs', 'train.jsonl'));
    const divergence = logs.find((l) => l.event === 'divergence');
    expect(divergence).toMatchObject({
      level: 40,
      stage: 0,
      value: 'NaN',
      action: 'reset',
      games: 100,
    });
    expect(typeof divergence!.pattern).toBe('string');
    expect(typeof divergence!.index).toBe('number');
  });

  it('a checkpoint that cannot be saved (twice) pauses the run; resume saves it and goes on', async () => {
    const { m, runDir } = manager('disk');
    const checkpoints = join(runDir, 'checkpoints');
    const failed: { games: number; errno: string }[] = [];
    const saved: number[] = [];
    m.on('checkpoint', (e) => {
      saved.push(e.games);
      if (e.games === 100) {
        // the directory disappears under the trainer: the next save fails, and its retry too
        renameSync(checkpoints, `${checkpoints}.away`);
        writeFileSync(checkpoints, 'not a directory');
      }
    });
    m.on('checkpoint-failed', (e) => failed.push({ games: e.games, errno: e.errno }));
    const paused = new Promise<PausedEvent>((resolve) => m.on('paused', resolve));
    const run = m.start({ targetGames: 400, checkpointInterval: 100 });
    const pause = await paused;
    // no game is played on unsaved: the run waits at 200 games for the checkpoint
    expect(m.state).toBe('paused');
    expect(pause.games).toBe(200);
    expect(pause.reason).toMatch(/^checkpoint-failed: E[A-Z]+$/);
    expect(pause.checkpoint?.errno).toBe(failed[0]?.errno);
    expect(failed.map((f) => f.games)).toEqual([200]);
    const status = await readJson(join(runDir, 'status.json'));
    expect(status).toMatchObject({ state: 'paused', reason: pause.reason, games: 200 });
    rmSync(checkpoints);
    renameSync(`${checkpoints}.away`, checkpoints);
    await m.resume();
    const result = await run;
    expect(result).toMatchObject({ outcome: 'completed', gamesCompleted: 400 });
    expect(saved).toEqual([100, 200, 300, 400]);
    expect(result.errors.byKindTotal).toEqual({ checkpoint_save: 1 });
    const logs = await readJsonLines(join(runDir, 'logs', 'train.jsonl'));
    expect(logs.find((l) => l.event === 'checkpoint_failed')).toMatchObject({
      level: 50,
      games: 200,
    });
    expect(logs.some((l) => String(l.msg).includes('retrying once'))).toBe(true);
  });

  it('a stop while paused by a failed save ends the run at its last checkpoint', async () => {
    const { m, runDir } = manager('disk-stop');
    const checkpoints = join(runDir, 'checkpoints');
    m.on('checkpoint', (e) => {
      if (e.games !== 100) return;
      renameSync(checkpoints, `${checkpoints}.away`);
      writeFileSync(checkpoints, 'not a directory');
    });
    const paused = new Promise<PausedEvent>((resolve) => m.on('paused', resolve));
    const run = m.start({ targetGames: 400, checkpointInterval: 100 });
    const pause = await paused;
    const result = await m.stop();
    expect(await run).toBe(result);
    // the 100 games after the checkpoint are gone with the process: the run says so
    expect(result).toMatchObject({ outcome: 'stopped', reason: pause.reason, gamesCompleted: 100 });
    expect(readManifest(runDir)).toMatchObject({ outcome: 'stopped', games: 100 });
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
