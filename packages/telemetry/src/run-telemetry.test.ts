import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConvergenceMonitor } from './convergence';
import { ErrorTracker } from './error-tracker';
import { MemoryMonitor } from './memory';
import { ProgressReporter } from './progress';
import { openRunTelemetry, type RunTelemetryPaths } from './run-telemetry';
import { createTelemetrySnapshot } from './snapshot';
import { readTfEventsFile } from './tfevents/writer';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'prismind-run-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The caller names the files; these are not the trainer's names on purpose. */
const pathsIn = (root: string): RunTelemetryPaths => ({
  dir: root,
  log: join(root, 'logs', 'the-log.jsonl'),
  metrics: join(root, 'the-metrics.jsonl'),
  tensorboard: join(root, 'tb'),
});

const jsonl = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('openRunTelemetry', () => {
  it('writes logs, metrics and TensorBoard events into the run directory', () => {
    let now = 1_700_000_000_000;
    const convergence = new ConvergenceMonitor({ windowGames: 100 });
    const errors = new ErrorTracker();
    const run = openRunTelemetry(pathsIn(dir), {
      clock: () => now,
      echo: false,
      base: { runId: 'test-run' },
      training: {
        detailedEvery: 200,
        totalGames: 400,
        details: () => createTelemetrySnapshot({ convergence, errors, clock: () => now }),
      },
    });
    run.logger.info('run started');
    for (let batch = 0; batch < 4; batch++) {
      now += 1_000;
      convergence.observeBatch({ games: 100, avgDiscDiff: batch, avgTdError: 1 / (batch + 1) });
      errors.recordGames(100);
      run.training.recordGames({
        games: 100,
        blackWins: 50,
        whiteWins: 40,
        draws: 10,
        discDiffSum: 100 * batch,
      });
    }
    run.training.checkpointSaved({ games: 400, path: 'checkpoints/ckpt-400.prsm' });
    run.close();

    const logs = jsonl(pathsIn(dir).log);
    expect(logs[0]).toMatchObject({ msg: 'run started', runId: 'test-run' });
    // stats lines are at debug level, below the default info
    expect(logs.map((l) => l.event).filter(Boolean)).toEqual([
      'detailed_stats',
      'detailed_stats',
      'checkpoint_saved',
    ]);

    const metrics = jsonl(pathsIn(dir).metrics);
    expect(metrics.map((m) => m.kind)).toEqual([
      'stats',
      'stats',
      'detailed',
      'stats',
      'stats',
      'detailed',
      'checkpoint',
    ]);
    expect(metrics[1]).toMatchObject({ games: 200, avgDiscDiff: 1, gamesPerSecond: 100 });
    expect(metrics[5]).toMatchObject({
      games: 400,
      details: { convergence: { games: 400, windowsCompleted: 4 }, errors: { rate: 0 } },
    });

    const tbDir = pathsIn(dir).tensorboard;
    const eventFiles = readdirSync(tbDir).filter((f) =>
      f.startsWith('events.out.tfevents.1700000000.'),
    );
    expect(eventFiles).toHaveLength(1);
    const events = readTfEventsFile(join(tbDir, eventFiles[0]!));
    expect(events[0]!.fileVersion).toBe('brain.Event:2');
    const discDiff = events.flatMap((e) =>
      e.scalars.filter((s) => s.tag === 'train/avg_disc_diff').map((s) => [e.step, s.value]),
    );
    expect(discDiff).toEqual([
      [100, 0],
      [200, 1],
      [300, 2],
      [400, 3],
    ]);
    const tdError = events.flatMap((e) =>
      e.scalars
        .filter((s) => s.tag === 'convergence/movingAvgTdError')
        .map((s) => [e.step, s.value]),
    );
    expect(tdError.map(([step]) => step)).toEqual([200, 400]);
    expect(tdError[1]![1]).toBeCloseTo((1 + 1 / 2 + 1 / 3 + 1 / 4) / 4, 6);
  });

  it('goes on without TensorBoard when it is turned off', () => {
    const run = openRunTelemetry(pathsIn(dir), { tensorboard: false, echo: false });
    expect(run.tensorboard).toBeNull();
    run.training.recordGames({
      games: 100,
      blackWins: 0,
      whiteWins: 0,
      draws: 100,
      discDiffSum: 0,
    });
    run.close();
    expect(readdirSync(dir).sort()).toEqual(['logs', 'the-metrics.jsonl']);
  });
});

describe('createTelemetrySnapshot', () => {
  it('collects every monitor into plain JSON', () => {
    const convergence = new ConvergenceMonitor();
    convergence.observeGame(4, 0.5);
    const memory = new MemoryMonitor({
      readMemory: () => ({ rss: 1000, heapUsed: 1, external: 2, arrayBuffers: 3 }),
    });
    memory.register('weights', 600);
    const errors = new ErrorTracker();
    errors.recordGames(10);
    errors.recordError('game_failed', 'boom', 3);
    const reporter = new ProgressReporter({ total: 10, clock: () => 0 });
    reporter.update(5);
    const snapshot = createTelemetrySnapshot({
      convergence,
      memory,
      errors,
      progress: reporter.last,
      clock: () => 42,
    });
    const copy = JSON.parse(JSON.stringify(snapshot));
    expect(copy).toMatchObject({
      time: 42,
      convergence: { games: 1, movingAvgDiscDiff: 4, movingAvgTdError: 0.5, coverage: null },
      memory: { rss: 1000, rest: 400, breakdown: [{ name: 'weights', bytes: 600 }] },
      errors: { errors: 1, rate: 0.1, byKind: { game_failed: 1 } },
      progress: { done: 5, total: 10, final: false },
    });
    expect(createTelemetrySnapshot({ clock: () => 1 })).toEqual({
      time: 1,
      convergence: null,
      memory: null,
      errors: null,
      progress: null,
    });
  });
});
