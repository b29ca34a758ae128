import { isPrismindError } from '@prismind/board/contracts';
import { CheckpointManager, verifyCheckpointFile } from '@prismind/checkpoint';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fromLoadedState,
  isTrainerError,
  type RunManifest,
  readRunStatus,
  type StateChangeEvent,
  type TrainingManagerOptions,
  TrainingManager,
} from '../src/index';
import { fakeEngineFactory } from './support/fake-engine';
import { readJson, readJsonLines, tempDir, waitFor } from './support/run-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

function manager(options: Partial<TrainingManagerOptions> = {}) {
  const factory = fakeEngineFactory({ msPerGame: 0.05 });
  const m = new TrainingManager({
    runDir: join(dir, 'run'),
    engineFactory: factory,
    stages: 1,
    seed: 5,
    logEcho: false,
    ...options,
  });
  return { m, factory, runDir: join(dir, 'run') };
}

describe('a run from start to end', () => {
  it('trains to the target with checkpoints exactly on multiples, and says so everywhere', async () => {
    const { m, factory, runDir } = manager();
    const states: StateChangeEvent[] = [];
    const checkpoints: number[] = [];
    m.on('state', (e) => states.push(e));
    m.on('checkpoint', (e) => checkpoints.push(e.games));
    const result = await m.start({
      targetGames: 530,
      checkpointInterval: 120,
      callbackInterval: 50,
    });

    expect(m.state).toBe('completed');
    expect(states.map((s) => `${s.from}>${s.to}`)).toEqual(['idle>training', 'training>completed']);
    expect(checkpoints).toEqual([120, 240, 360, 480, 530]);
    const sizes = factory.engines[0]!.batches;
    expect(sizes).toBeGreaterThanOrEqual(11); // batches of ≤ 50, cut at every checkpoint
    expect(result).toMatchObject({
      outcome: 'completed',
      reason: 'target reached',
      gamesCompleted: 530,
      sessionGames: 530,
      targetGames: 530,
      errorCount: 0,
      backend: 'js',
      latestCheckpoint: join(runDir, 'checkpoints', 'ckpt-000000000530.prsm'),
    });
    expect(result.windowGames).toBeGreaterThanOrEqual(500);
    expect(result.blackWinRate + result.whiteWinRate + result.drawRate).toBeCloseTo(1);
    expect(result.gamesPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(result.finalDiscDiff)).toBe(true);

    // the run directory of docs/architecture.md
    expect(readdirSync(runDir).sort()).toEqual(
      expect.arrayContaining([
        'checkpoints',
        'logs',
        'manifest.json',
        'metrics.jsonl',
        'status.json',
      ]),
    );
    expect(readdirSync(runDir)).not.toContain('run.lock');
    const ckpts = readdirSync(join(runDir, 'checkpoints')).sort();
    expect(ckpts).toEqual(
      [120, 240, 360, 480, 530].map((g) => `ckpt-${String(g).padStart(12, '0')}.prsm`),
    );
    for (const name of ckpts) {
      expect((await verifyCheckpointFile(join(runDir, 'checkpoints', name))).ok).toBe(true);
    }
    const manifest = await readJson<RunManifest>(join(runDir, 'manifest.json'));
    expect(manifest).toMatchObject({
      version: 1,
      runId: 'run',
      seed: 5,
      stages: 1,
      outcome: 'completed',
      games: 530,
      backend: { requested: 'auto', chosen: 'js' },
      settings: { targetGames: 530, checkpointInterval: 120, callbackInterval: 50 },
    });
    expect(manifest.packages['@prismind/trainer']).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.packages['@prismind/native-core']).toBe('not loaded');
    expect(manifest.machine.cpuCount).toBeGreaterThan(0);
    expect(manifest.machine.totalMemoryBytes).toBeGreaterThan(0);
    expect(manifest.sessions).toHaveLength(1);
    expect(manifest.sessions[0]).toMatchObject({
      startGames: 0,
      endGames: 530,
      outcome: 'completed',
    });
    expect(manifest.endedAt).not.toBeNull();
    const status = readRunStatus(runDir)!;
    expect(status).toMatchObject({ state: 'completed', games: 530, live: false });
    expect(status.latestCheckpoint?.games).toBe(530);
    const metrics = await readJsonLines(join(runDir, 'metrics.jsonl'));
    // one stats record per 100 games, written by the batch that crosses the multiple
    const stats = metrics.filter((r) => r.kind === 'stats').map((r) => r.games as number);
    expect(stats).toHaveLength(5);
    const overshoot = stats.map((games, i) => games - 100 * (i + 1));
    expect(overshoot.every((g) => g >= 0 && g < 50)).toBe(true);
    expect(metrics.filter((r) => r.kind === 'checkpoint')).toHaveLength(5);
    const logs = await readJsonLines(join(runDir, 'logs', 'train.jsonl'));
    expect(logs.some((l) => l.event === 'run_opened')).toBe(true);
    expect(logs.some((l) => l.event === 'run_finished')).toBe(true);
    // the checkpoint carries model counters, the run's settings and the monitors
    const latest = await (await CheckpointManager.open(join(runDir, 'checkpoints'))).loadLatest();
    const { metadata } = fromLoadedState(latest.state, latest.path);
    expect(metadata.model).toMatchObject({
      games: 530,
      step: 530,
      stages: 1,
      patternSet: 'prismind-v3',
    });
    expect(metadata.run).toMatchObject({ seed: 5, settings: { targetGames: 530 } });
    expect(metadata.monitors.errors).toMatchObject({ version: 1, games: 530 });
    expect(metadata.monitors.convergence).toBeTruthy();
  });

  it('reports progress through the simple callback and the rich event, throttled', async () => {
    const { m } = manager({ progressIntervalMs: 0 });
    const simple: number[][] = [];
    const rich: number[] = [];
    m.on('progress', (e) => rich.push(e.games));
    await m.start({
      targetGames: 300,
      checkpointInterval: 1_000,
      callbackInterval: 100,
      onProgress: (games, stoneDiff, winRate, elapsed) =>
        simple.push([games, stoneDiff, winRate, elapsed]),
    });
    expect(simple.length).toBeGreaterThanOrEqual(3);
    expect(simple.at(-1)![0]).toBe(300);
    for (const [games, diff, rate, elapsed] of simple) {
      expect(games).toBeGreaterThan(0);
      expect(Math.abs(diff!)).toBeLessThanOrEqual(64);
      expect(rate).toBeGreaterThanOrEqual(0);
      expect(rate).toBeLessThanOrEqual(1);
      expect(elapsed).toBeGreaterThan(0);
    }
    expect(rich).toEqual([...rich].sort((a, b) => a - b));

    const throttled = manager({ progressIntervalMs: 60_000 });
    const events: boolean[] = [];
    throttled.m.on('progress', (e) => events.push(e.final));
    await throttled.m.start({
      targetGames: 2_000,
      checkpointInterval: 10_000,
      callbackInterval: 10,
    });
    // 200 batches, but only the first update and the final one get through a 60 s throttle
    expect(events).toEqual([false, true]);
  });

  it('saves by time by default, by games when asked, whichever comes first', async () => {
    const timed = manager();
    const timedSaves: { games: number; reason: string }[] = [];
    timed.m.on('checkpoint', (e) => timedSaves.push({ games: e.games, reason: e.reason }));
    // 0.05 ms a game: 4,000 games in ~0.2 s, far from 10 minutes: only the final checkpoint
    await timed.m.start({ targetGames: 4_000 });
    expect(timedSaves).toEqual([{ games: 4_000, reason: 'final' }]);

    const both = new TrainingManager({
      runDir: join(dir, 'both'),
      engineFactory: fakeEngineFactory({ msPerGame: 0.2 }),
      stages: 1,
      seed: 5,
      logEcho: false,
    });
    const saves: { games: number; reason: string }[] = [];
    both.on('checkpoint', (e) => saves.push({ games: e.games, reason: e.reason }));
    // ~0.6 s of training, a time interval of 60 ms and a game interval of 1,000
    await both.start({
      targetGames: 3_000,
      checkpointMinutes: 0.001,
      checkpointInterval: 1_000,
      callbackInterval: 50,
    });
    const interval = saves.filter((s) => s.reason === 'interval').map((s) => s.games);
    expect(interval).toEqual(expect.arrayContaining([1_000, 2_000]));
    // saves the game interval alone would not make: the time interval came first
    expect(interval.some((g) => g % 1_000 !== 0)).toBe(true);
    // 3,000 is a multiple: its interval checkpoint is the final state, not written twice
    expect(saves.at(-1)).toEqual({ games: 3_000, reason: 'interval' });
    expect(saves.filter((s) => s.games === 3_000)).toHaveLength(1);
  });

  it('a throwing progress callback is logged and training goes on', async () => {
    const { m, runDir } = manager({ progressIntervalMs: 0 });
    let calls = 0;
    m.on('checkpoint', () => {
      throw new Error('listener bug');
    });
    const result = await m.start({
      targetGames: 300,
      checkpointInterval: 100,
      onProgress: () => {
        calls += 1;
        throw new Error('callback bug');
      },
    });
    expect(result.gamesCompleted).toBe(300);
    expect(calls).toBeGreaterThanOrEqual(3);
    const logs = await readJsonLines(join(runDir, 'logs', 'train.jsonl'));
    const failed = logs.filter((l) => l.event === 'listener_failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(failed[0])).toMatch(/bug/);
  });
});

describe('validation and states', () => {
  it('a bad config is INVALID_OPTIONS naming the field, before anything is written', async () => {
    expect(() => new TrainingManager({ runDir: dir, threads: 0 })).toThrow(/threads:/);
    const { m, runDir } = manager();
    const error = await m.start({ targetGames: -5 }).catch((e) => e);
    expect(isPrismindError(error, 'INVALID_OPTIONS')).toBe(true);
    expect(error.details.problems[0].field).toBe('targetGames');
    const missing = await m.start({}).catch((e) => e);
    expect(missing.message).toContain('targetGames: required for a new run');
    expect(m.state).toBe('idle');
    expect(readdirSync(dir)).toContain('run'); // the run directory was opened for the second call...
    expect(readdirSync(join(runDir, 'checkpoints'))).toEqual([]); // ...but nothing trained
  });

  it('refuses a second start, transitions that make no sense, and a second trainer', async () => {
    const { m, runDir } = manager();
    await expect(m.pause()).rejects.toSatisfy((e) => isTrainerError(e, 'INVALID_TRANSITION'));
    await expect(m.resume()).rejects.toSatisfy((e) => isTrainerError(e, 'INVALID_TRANSITION'));
    await expect(m.stop()).rejects.toSatisfy((e) => isTrainerError(e, 'INVALID_TRANSITION'));
    const run = m.start({ targetGames: 1_000_000, checkpointInterval: 100_000 });
    await expect(m.start({ targetGames: 10 })).rejects.toSatisfy((e) =>
      isPrismindError(e, 'TRAINING_BUSY'),
    );
    await waitFor(() => m.state === 'training', 10_000, 'training');
    const other = new TrainingManager({
      runDir,
      engineFactory: fakeEngineFactory(),
      stages: 1,
      logEcho: false,
    });
    await expect(other.start({ targetGames: 10 })).rejects.toSatisfy((e) =>
      isTrainerError(e, 'RUN_LOCKED'),
    );
    const stopped = await m.stop();
    expect(stopped.outcome).toBe('stopped');
    await expect(run).resolves.toBe(stopped);
    await expect(m.stop()).resolves.toBe(stopped);
  });

  it('a later start continues the run from its latest checkpoint with its settings', async () => {
    const first = manager();
    await first.m.start({ targetGames: 200, checkpointInterval: 100, epsilon: 0.3 });
    const second = manager({ seed: 99 });
    const result = await second.m.start({ targetGames: 450 });
    expect(result).toMatchObject({ gamesCompleted: 450, sessionGames: 250 });
    const manifest = await readJson<RunManifest>(join(first.runDir, 'manifest.json'));
    expect(manifest.seed).toBe(5); // the run's seed wins over the option
    expect(manifest.settings).toMatchObject({
      targetGames: 450,
      checkpointInterval: 100,
      epsilon: 0.3,
    });
    expect(manifest.sessions.map((s) => [s.startGames, s.endGames, s.outcome])).toEqual([
      [0, 200, 'completed'],
      [200, 450, 'completed'],
    ]);
    const calls = second.factory.engines[0]!;
    expect(calls.getState().games).toBe(450);
    const logs = await readJsonLines(join(first.runDir, 'logs', 'train.jsonl'));
    expect(logs.some((l) => l.event === 'seed_kept')).toBe(true);
    // and a run opened from its manifest alone
    const reopened = await TrainingManager.open(first.runDir, {
      engineFactory: fakeEngineFactory(),
      logEcho: false,
    });
    expect((await reopened.start({ targetGames: 500 })).gamesCompleted).toBe(500);
    const resumed = await TrainingManager.resume({
      runDir: first.runDir,
      targetGames: 520,
      engineFactory: fakeEngineFactory(),
      logEcho: false,
    });
    expect(resumed).toMatchObject({ gamesCompleted: 520, sessionGames: 20 });
    await expect(TrainingManager.open(join(dir, 'nothing'))).rejects.toSatisfy((e) =>
      isTrainerError(e, 'RUN_NOT_FOUND'),
    );
  });

  it('an engine factory may return a selection, whose backend and reason the run records', async () => {
    const fake = fakeEngineFactory();
    const { m, runDir } = manager({
      engineFactory: async (request) => ({
        engine: await fake(request),
        backend: 'js' as const,
        reason: 'chosen by the caller',
      }),
    });
    const result = await m.start({ targetGames: 50, checkpointInterval: 50 });
    expect(result).toMatchObject({ backend: 'js', backendReason: 'chosen by the caller' });
    const manifest = await readJson<RunManifest>(join(runDir, 'manifest.json'));
    expect(manifest.backend.reason).toBe('chosen by the caller');
  });

  it('compresses checkpoints and keeps as many as retention says, also when reopened', async () => {
    const { m, runDir } = manager({ compression: { level: 6 }, retention: { keepLast: 2 } });
    await m.start({ targetGames: 500, checkpointInterval: 100 });
    const list = async () => (await CheckpointManager.open(join(runDir, 'checkpoints'))).list();
    const first = await list();
    expect(first.map((c) => [c.gamesCompleted, c.compressed])).toEqual([
      [400, true],
      [500, true],
    ]);
    const reopened = await TrainingManager.open(runDir, {
      engineFactory: fakeEngineFactory(),
      logEcho: false,
    });
    await reopened.start({ targetGames: 700 });
    expect((await list()).map((c) => [c.gamesCompleted, c.compressed])).toEqual([
      [600, true],
      [700, true],
    ]);
  });

  it('refuses a run directory with another model shape', async () => {
    await manager().m.start({ targetGames: 50, checkpointInterval: 50 });
    const other = manager({ stages: 2 });
    await expect(other.m.start({ targetGames: 100 })).rejects.toSatisfy((e) =>
      isTrainerError(e, 'RUN_MISMATCH'),
    );
    expect(other.m.state).toBe('idle');
  });

  it('configure() changes search, epsilon and learning rate between batches', async () => {
    const { m, factory } = manager();
    const seen: { epsilon?: number; depth?: number; lr?: number }[] = [];
    const make = factory;
    const original = make.engines;
    m.on('state', () => {
      const engine = original[0];
      if (engine === undefined) return;
      const train = engine.train.bind(engine);
      engine.train = (options, onProgress) => {
        seen.push({
          epsilon: options.epsilon,
          depth: options.search?.depth,
          lr: options.learning?.learningRate,
        });
        return train(options, onProgress);
      };
    });
    m.on('checkpoint', (e) => {
      if (e.games === 1_000) {
        m.configure({ epsilon: 0.5, search: { depth: 3 }, learningRate: 0.01, logLevel: 'debug' });
      }
    });
    await m.start({ targetGames: 3_000, checkpointInterval: 1_000, callbackInterval: 20 });
    expect(seen[0]).toEqual({ epsilon: 0.3, depth: 1, lr: 0.005 });
    expect(seen.at(-1)).toEqual({ epsilon: 0.5, depth: 3, lr: 0.01 });
    expect(() => m.configure({ epsilon: 2 })).toThrow(/epsilon:/);
    // the frequent stats lines are at debug level: in the log only after the change
    const logs = await readJsonLines(join(dir, 'run', 'logs', 'train.jsonl'));
    const stats = logs.filter((l) => l.event === 'stats').map((l) => l.games as number);
    expect(stats.length).toBeGreaterThan(5);
    expect(Math.min(...stats)).toBeGreaterThan(1_000);
    expect(logs.find((l) => l.event === 'configured')).toMatchObject({
      changes: { epsilon: 0.5, logLevel: 'debug' },
    });
  });
});
