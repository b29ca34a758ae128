import { CheckpointManager } from '@prismind/checkpoint';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, fromLoadedState, type RunManifest, TrainingManager } from '../src/index';
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
});
