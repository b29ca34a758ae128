import { CheckpointManager } from '@prismind/checkpoint';
import { ConvergenceMonitor } from '@prismind/telemetry';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromLoadedState, TrainingManager } from '../src/index';
import { readJsonLines, tempDir } from './support/run-dir';

/**
 * The engine's TD error reaches the convergence monitor: a real run (js backend) writes it in
 * metrics.jsonl's detailed lines, and once 2W windows are complete (W = 10 of 1,000 games, the
 * defaults) the stagnation rule compares TD errors rather than |disc difference|.
 */
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

type Details = { convergence: { movingAvgTdError: number | null; stagnation: { metric: string } } };

describe('the TD error in a real run', () => {
  it('is in the detailed metrics lines and drives the stagnation rule', async () => {
    const runDir = join(dir, 'run');
    await new TrainingManager({
      runDir,
      backend: 'js',
      stages: 1,
      seed: 3,
      logEcho: false,
      strength: false,
      tensorboard: false,
      storeGamesEvery: 0,
    }).start({ targetGames: 20_000, callbackInterval: 1_000 });
    const detailed = (await readJsonLines(join(runDir, 'metrics.jsonl'))).filter(
      (line) => line.kind === 'detailed',
    );
    expect(detailed.map((line) => line.games)).toEqual([10_000, 20_000]);
    const [first, last] = detailed.map((line) => (line.details as Details).convergence);
    expect(first!.movingAvgTdError).toBeGreaterThan(0);
    expect(last!.movingAvgTdError).toBeGreaterThan(0);
    expect(last!.stagnation.metric).toBe('tdError');
    // The monitor saved with the run continues with the same rule.
    const latest = await (await CheckpointManager.open(join(runDir, 'checkpoints'))).loadLatest();
    const { metadata } = fromLoadedState(latest.state, latest.path);
    const monitor = ConvergenceMonitor.fromJSON(metadata.monitors.convergence);
    expect(monitor.stagnation().metric).toBe('tdError');
    expect(monitor.snapshot().movingAvgTdError).toBe(last!.movingAvgTdError);
  });
});
