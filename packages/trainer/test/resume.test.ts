import { CheckpointManager } from '@prismind/checkpoint';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromLoadedState, type RunManifest, TrainingManager } from '../src/index';
import { spawnTrainer } from './support/child';
import { readJson, tempDir } from './support/run-dir';

/**
 * Determinism across a process boundary, with the real JS engine (30 stages, one thread, depth 1):
 * 200 games in one go, and 200 games paused at about 100 (mid-batch, at whatever game the pause
 * lands), saved, the process gone, and a fresh process resuming from the checkpoint to 200, end
 * with the same model, weight for weight and moment for moment.
 */
const N = 200;
const SEED = 2_024;
// 30 stages: slow enough per game that the pause lands mid-run
const STAGES = 30;

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

async function modelAt(runDir: string, games: number) {
  const manager = await CheckpointManager.open(join(runDir, 'checkpoints'));
  const name = `ckpt-${String(games).padStart(12, '0')}.prsm`;
  const loaded = await manager.load(name);
  return fromLoadedState(loaded, name).model;
}

function bytes(a: Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

describe('deterministic resume in a fresh process', () => {
  it(`a run of ${N} games equals a run paused at ~${N / 2} and resumed by another process`, async () => {
    const straightDir = join(dir, 'straight');
    const straight = await new TrainingManager({
      runDir: straightDir,
      backend: 'js',
      seed: SEED,
      stages: STAGES,
      threads: 1,
      logEcho: false,
    }).start({ targetGames: N, checkpointInterval: 100, callbackInterval: 50 });
    expect(straight.gamesCompleted).toBe(N);

    const pausedDir = join(dir, 'paused');
    const common = {
      runDir: pausedDir,
      engine: 'js',
      seed: SEED,
      stages: STAGES,
      targetGames: N,
      checkpointInterval: 100,
      callbackInterval: 50,
    };
    const first = spawnTrainer({ ...common, pauseAt: N / 2 });
    const paused = Number((await first.line('paused ', 60_000)).split(' ')[1]);
    expect((await first.exited).code).toBe(0);
    expect(paused).toBeGreaterThanOrEqual(N / 2);
    expect(paused).toBeLessThan(N);
    console.log(`paused at ${paused} games`);

    const second = spawnTrainer(common);
    expect(Number((await second.line('ready ', 60_000)).split(' ')[1])).toBe(paused);
    const result = JSON.parse((await second.line('result ', 60_000)).slice(7));
    expect((await second.exited).code).toBe(0);
    expect(result).toMatchObject({
      outcome: 'completed',
      gamesCompleted: N,
      sessionGames: N - paused,
    });

    const a = await modelAt(straightDir, N);
    const b = await modelAt(pausedDir, N);
    expect(b.games).toBe(N);
    expect({ step: b.step, beta1Power: b.beta1Power, beta2Power: b.beta2Power }).toEqual({
      step: a.step,
      beta1Power: a.beta1Power,
      beta2Power: a.beta2Power,
    });
    expect(a.weights.some((w) => w !== 0)).toBe(true);
    expect(bytes(b.weights).equals(bytes(a.weights))).toBe(true);
    expect(bytes(b.adamM).equals(bytes(a.adamM))).toBe(true);
    expect(bytes(b.adamV).equals(bytes(a.adamV))).toBe(true);

    const manifest = await readJson<RunManifest>(join(pausedDir, 'manifest.json'));
    expect(manifest.sessions.map((s) => [s.startGames, s.outcome])).toEqual([
      [0, 'paused'],
      [paused, 'completed'],
    ]);
  });

  it('trains on two threads too (results then depend on timing, by design)', async () => {
    const result = await new TrainingManager({
      runDir: join(dir, 'threads'),
      backend: 'js',
      threads: 2,
      seed: SEED,
      logEcho: false,
    }).start({ targetGames: 300, checkpointInterval: 100 });
    expect(result).toMatchObject({ outcome: 'completed', gamesCompleted: 300, errorCount: 0 });
    const model = await modelAt(join(dir, 'threads'), 300);
    expect(model.step).toBe(300);
  });
});
