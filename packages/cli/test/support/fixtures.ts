import { writeCheckpointFile } from '@prismind/checkpoint';
import { createJsEngine } from '@prismind/js-core';
import { CHECKPOINT_FORMAT, type CheckpointMetadata } from '@prismind/trainer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory and its removal. */
export function tempDir(prefix = 'prismind-cli-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Writes a trainer checkpoint of an untrained model (all weights 0 unless `fill` sets some) the
 * way the TrainingManager would: sections weights, adamM, adamV and the trainer's metadata.
 */
export async function writeModelCheckpoint(
  path: string,
  options: { games?: number; fill?: (weights: Float32Array) => void } = {},
): Promise<string> {
  const engine = createJsEngine();
  try {
    const state = engine.getState();
    const weights = new Float32Array(state.weights);
    options.fill?.(weights);
    const games = options.games ?? 0;
    const metadata: CheckpointMetadata = {
      format: CHECKPOINT_FORMAT,
      version: 1,
      model: {
        patternSet: state.patternSet,
        stages: state.stages,
        step: state.step,
        beta1Power: state.beta1Power,
        beta2Power: state.beta2Power,
        games,
      },
      run: {
        runId: 'fixture',
        seed: 1,
        backend: 'js',
        settings: {
          targetGames: Math.max(1, games),
          checkpointInterval: 10_000,
          callbackInterval: 100,
          search: { depth: 1, exactEmpties: 0 },
          epsilon: 0.1,
          lambda: 0.7,
          learningRate: 0.005,
        },
      },
      monitors: { convergence: null, errors: null },
      training: { elapsedMs: 0, weightResets: 0 },
    };
    await writeCheckpointFile(path, {
      gamesCompleted: games,
      metadata: metadata as unknown as Record<string, unknown>,
      sections: {
        weights,
        adamM: new Float32Array(state.adamM),
        adamV: new Float32Array(state.adamV),
      },
    });
    return path;
  } finally {
    await engine.dispose();
  }
}
