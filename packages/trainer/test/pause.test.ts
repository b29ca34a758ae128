import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type PauseAcknowledgedEvent,
  type RunManifest,
  readRunStatus,
  sendControl,
  type TrainingManagerOptions,
} from '../src/index';
import type { FakeEngineOptions } from './support/fake-engine';
import { fakeRunManager, latestModel } from './support/fake-run';
import { readJson, tempDir, waitFor } from './support/run-dir';

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
  return fakeRunManager(
    dir,
    name,
    { msPerGame: 1, seed: 11, controlPollMs: 20, statusIntervalMs: 100 },
    fake,
    options,
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('pause and resume', () => {
  it('acknowledges within 100 ms mid-batch, saves, resumes, and ends where an unpaused run ends', async () => {
    const { m, runDir } = manager('paused');
    const acks: PauseAcknowledgedEvent[] = [];
    const states: string[] = [];
    m.on('pause-acknowledged', (e) => acks.push(e));
    m.on('state', (e) => states.push(e.to));
    const run = m.start({ targetGames: 600, checkpointInterval: 250, callbackInterval: 100 });
    const pausedAt: number[] = [];
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 120 + 40 * i)); // mid-batch: batches last ~100 ms+
      expect(m.isTrainingActive()).toBe(true);
      const games = await m.pause();
      pausedAt.push(games);
      expect(m.state).toBe('paused');
      expect(m.isTrainingActive()).toBe(false);
      expect(readRunStatus(runDir)).toMatchObject({
        state: 'paused',
        reason: 'request',
        games,
        live: true,
      });
      expect(readRunStatus(runDir)!.latestCheckpoint?.games).toBe(games);
      await expect(m.pause()).resolves.toBe(games); // pausing a paused run
      await m.resume();
      expect(m.state).toBe('training');
    }
    const result = await run;
    expect(result.gamesCompleted).toBe(600);
    expect(acks).toHaveLength(3);
    for (const ack of acks) expect(ack.latencyMs).toBeLessThan(100);
    expect(pausedAt).toEqual([...pausedAt].sort((a, b) => a - b));
    expect(states).toEqual([
      'training',
      'paused',
      'training',
      'paused',
      'training',
      'paused',
      'training',
      'completed',
    ]);
    const manifest = await readJson<RunManifest>(join(runDir, 'manifest.json'));
    expect(manifest.outcome).toBe('completed');

    const straight = manager('straight');
    await straight.m.start({ targetGames: 600, checkpointInterval: 250, callbackInterval: 100 });
    const [a, b] = [await latestModel(runDir), await latestModel(straight.runDir)];
    expect(a.games).toBe(600);
    expect(a.step).toBe(b.step);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(Buffer.from(a.adamV.buffer).equals(Buffer.from(b.adamV.buffer))).toBe(true);
  });

  it('pause latency with the real JS engine (30 stages, workers up): every acknowledgement under 100 ms', async () => {
    const { m } = manager('js', {}, { engineFactory: undefined, backend: 'js', stages: 30 });
    const latencies: number[] = [];
    m.on('pause-acknowledged', (e) => {
      if (e.command === 'pause') latencies.push(e.latencyMs);
    });
    let played = 0;
    m.on('progress', (e) => {
      played = e.games;
    });
    const run = m.start({
      targetGames: 100_000,
      checkpointInterval: 100_000,
      callbackInterval: 100,
    });
    // The first batch starts the engine's worker threads; a stop cannot be seen before they run.
    await waitFor(() => played > 0, 30_000, 'the first games');
    for (let i = 0; i < 5; i++) {
      await waitFor(() => m.isTrainingActive(), 20_000, 'training');
      await new Promise((r) => setTimeout(r, 150 + 37 * i));
      await m.pause();
      await m.resume();
    }
    const result = await m.stop();
    await run;
    expect(result.outcome).toBe('stopped');
    console.log(`JsEngine pause latency ms: ${latencies.map((l) => l.toFixed(1)).join(', ')}`);
    expect(latencies).toHaveLength(5);
    expect(median(latencies)).toBeLessThan(100);
    expect(Math.max(...latencies)).toBeLessThan(100);
  });

  it('stop while paused, and pause or stop right after start()', async () => {
    const one = manager('one');
    const run = one.m.start({ targetGames: 10_000, checkpointInterval: 1_000 });
    await new Promise((r) => setTimeout(r, 60));
    await one.m.pause();
    const stopped = await one.m.stop();
    expect(stopped).toMatchObject({ outcome: 'stopped', reason: 'request' });
    await expect(run).resolves.toBe(stopped);
    expect(one.m.state).toBe('stopped');

    const two = manager('two');
    const run2 = two.m.start({ targetGames: 10_000, checkpointInterval: 1_000 });
    const paused = await two.m.pause(); // requested while the run is still opening
    expect(paused).toBe(0);
    expect(two.m.state).toBe('paused');
    await two.m.stop();
    await expect(run2).resolves.toMatchObject({ outcome: 'stopped', gamesCompleted: 0 });

    const three = manager('three');
    const run3 = three.m.start({ targetGames: 10_000, checkpointInterval: 1_000 });
    await expect(three.m.stop()).resolves.toMatchObject({ outcome: 'stopped', gamesCompleted: 0 });
    await run3;
  });

  it('stop() asked while the pause checkpoint is being saved stops the run', async () => {
    const { m } = manager('pause-then-stop');
    let stopping: Promise<unknown> | undefined;
    m.on('checkpoint', (e) => {
      // the pause checkpoint is durable, the run not yet paused: the narrowest window
      if (e.reason === 'pause') stopping = m.stop();
    });
    const run = m.start({ targetGames: 100_000, checkpointInterval: 100_000 });
    await waitFor(() => m.isTrainingActive(), 10_000, 'training');
    await new Promise((r) => setTimeout(r, 50));
    const pausing = m.pause();
    await waitFor(() => stopping !== undefined, 10_000, 'the pause checkpoint');
    const result = (await stopping) as Awaited<ReturnType<typeof m.stop>>;
    expect(result.outcome).toBe('stopped');
    await expect(pausing).resolves.toBe(result.gamesCompleted);
    await expect(run).resolves.toBe(result);
    expect(m.state).toBe('stopped');
  });

  it('a paused listener may resume at once', async () => {
    const { m } = manager('instant-resume');
    let resumed = 0;
    m.on('paused', () => {
      resumed += 1;
      void m.resume();
    });
    const run = m.start({ targetGames: 400, checkpointInterval: 1_000 });
    await waitFor(() => m.isTrainingActive(), 10_000, 'training');
    await m.pause();
    await expect(run).resolves.toMatchObject({ outcome: 'completed', gamesCompleted: 400 });
    expect(resumed).toBe(1);
  });

  it('resume() asked while a pause is being saved waits for it, then trains on', async () => {
    const { m } = manager('race');
    const run = m.start({ targetGames: 400, checkpointInterval: 1_000 });
    await new Promise((r) => setTimeout(r, 50));
    const pausing = m.pause();
    await m.resume();
    expect(m.state).toBe('training');
    expect(typeof (await pausing)).toBe('number');
    await expect(run).resolves.toMatchObject({ outcome: 'completed', gamesCompleted: 400 });
  });
});

describe('control from another process (control.json, status.json)', () => {
  it('pause, resume and stop through the files, each acknowledged in status.json', async () => {
    const { m, runDir } = manager('ctl');
    const run = m.start({ targetGames: 100_000, checkpointInterval: 1_000 });
    await waitFor(() => readRunStatus(runDir)?.state === 'training', 5_000, 'training');

    const started = performance.now();
    const pause = await sendControl(runDir, 'pause', { waitMs: 5_000 });
    const took = performance.now() - started;
    expect(pause.ack).toMatchObject({ command: 'pause', result: 'done' });
    expect(pause.ack!.message).toMatch(/^paused at \d+ games$/);
    expect(took).toBeLessThan(2_000);
    expect(m.state).toBe('paused');
    const status = readRunStatus(runDir)!;
    expect(status).toMatchObject({ state: 'paused', reason: 'control', live: true });
    expect(status.control?.id).toBe(pause.id);

    const again = await sendControl(runDir, 'pause', { waitMs: 5_000 });
    expect(again.ack).toMatchObject({ result: 'done' }); // already paused: done at once

    const resume = await sendControl(runDir, 'resume', { waitMs: 5_000 });
    expect(resume.ack).toMatchObject({ command: 'resume', result: 'done' });
    expect(m.state).toBe('training');

    const stop = await sendControl(runDir, 'stop', { waitMs: 10_000 });
    expect(stop.ack).toMatchObject({ command: 'stop', result: 'done' });
    expect(stop.ack!.message).toMatch(/^stopped at \d+ games$/);
    const result = await run;
    expect(result).toMatchObject({ outcome: 'stopped', reason: 'control' });
    expect(readRunStatus(runDir)).toMatchObject({ state: 'stopped', live: false });
    const manifest = await readJson<RunManifest>(join(runDir, 'manifest.json'));
    expect(manifest).toMatchObject({ outcome: 'stopped', outcomeReason: 'control' });
    await expect(sendControl(runDir, 'resume')).rejects.toThrow(/no live trainer/);
  });

  it('a resume sent to a training run is answered "done" without effect; a stale command is ignored', async () => {
    const { m, runDir } = manager('ctl2');
    await m.start({ targetGames: 20, checkpointInterval: 10 });
    // a command written while nobody trains the run must not act on the next session
    await sendControl(runDir, 'stop', { force: true });
    const next = manager('ctl2');
    const run = next.m.start({ targetGames: 400 });
    await waitFor(() => readRunStatus(runDir)?.state === 'training', 5_000, 'training');
    const resume = await sendControl(runDir, 'resume', { waitMs: 5_000 });
    expect(resume.ack).toMatchObject({ result: 'done' });
    await expect(run).resolves.toMatchObject({ outcome: 'completed', gamesCompleted: 400 });
  });
});
