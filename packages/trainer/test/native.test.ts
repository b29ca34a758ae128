import { CheckpointManager } from '@prismind/checkpoint';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEngine,
  fromLoadedState,
  learningRateAt,
  type RunManifest,
  TrainingManager,
} from '../src/index';
import { readJson, tempDir } from './support/run-dir';

/**
 * The manager on the native backend, when @prismind/native-core's binary loads here (skipped
 * otherwise): a run trains on it, and a run started on one backend continues on the other with
 * the same result as a run on one backend alone (both follow docs/engine-spec.md bit for bit).
 */
const probe = await createEngine({ backend: 'auto', stages: 1 });
await probe.engine.dispose();
const nativeLoads = probe.backend === 'native';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

async function modelAt(runDir: string, games: number) {
  const manager = await CheckpointManager.open(join(runDir, 'checkpoints'));
  const name = `ckpt-${String(games).padStart(12, '0')}.prsm`;
  return fromLoadedState(await manager.load(name), name).model;
}

const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe.skipIf(!nativeLoads)('the native backend', () => {
  it('auto takes native; the manifest and status say so', async () => {
    const runDir = join(dir, 'auto');
    const result = await new TrainingManager({ runDir, seed: 1, logEcho: false }).start({
      targetGames: 100,
      checkpointInterval: 50,
    });
    expect(result).toMatchObject({ backend: 'native', backendReason: 'native binary loaded' });
    const manifest = await readJson<RunManifest>(join(runDir, 'manifest.json'));
    expect(manifest.backend).toEqual({
      requested: 'auto',
      chosen: 'native',
      reason: 'native binary loaded',
    });
    expect(manifest.packages['@prismind/native-core']).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a run begun on js and continued on native equals a run on js alone', async () => {
    const options = { seed: 77, logEcho: false, stages: 30 } as const;
    const settings = { checkpointInterval: 100, callbackInterval: 50 } as const;
    const mixed = join(dir, 'mixed');
    await new TrainingManager({ ...options, runDir: mixed, backend: 'js' }).start({
      ...settings,
      targetGames: 100,
    });
    const continued = await new TrainingManager({
      ...options,
      runDir: mixed,
      backend: 'native',
    }).start({
      targetGames: 200,
    });
    expect(continued).toMatchObject({ backend: 'native', gamesCompleted: 200, sessionGames: 100 });
    const pure = join(dir, 'pure');
    await new TrainingManager({ ...options, runDir: pure, backend: 'js' }).start({
      ...settings,
      targetGames: 200,
    });
    const [a, b] = [await modelAt(pure, 200), await modelAt(mixed, 200)];
    expect(b.step).toBe(a.step);
    expect(bytes(b.weights).equals(bytes(a.weights))).toBe(true);
    expect(bytes(b.adamM).equals(bytes(a.adamM))).toBe(true);
    expect(bytes(b.adamV).equals(bytes(a.adamV))).toBe(true);
  });

  it("a run's batches learn what the engine's own loop learns, one train() per rate block", async () => {
    // The research harness (crates/prismind-engine/examples/strength) trains by calling the
    // engine once per 10,000-game block at that block's rate; a CLI run cuts the same games into
    // 1,000-game batches. Same seed, same model: so the harness's measurements are the product's.
    const schedule = {
      learningRate: 0.005,
      learningRateEnd: 0.0005,
      learningRateDecayGames: 20_000,
    };
    const runDir = join(dir, 'batches');
    const manager = new TrainingManager({ runDir, seed: 5, logEcho: false, strength: false });
    await manager.start({ ...schedule, targetGames: 20_000, checkpointInterval: 20_000 });
    const { engine } = await createEngine({ backend: 'native', stages: 10 });
    try {
      for (const first of [0, 10_000]) {
        await engine.train({
          games: 10_000,
          seed: 5,
          epsilon: 0.3,
          learning: { lambda: 0.7, learningRate: learningRateAt(schedule, first) },
          recordEvery: 0,
        });
      }
      const [run, loop] = [await modelAt(runDir, 20_000), engine.getState()];
      expect(learningRateAt(schedule, 10_000)).toBeCloseTo(0.005 * Math.sqrt(0.1), 12);
      expect(run.step).toBe(loop.step);
      expect(bytes(run.weights).equals(bytes(loop.weights))).toBe(true);
    } finally {
      await engine.dispose();
    }
  });
});
