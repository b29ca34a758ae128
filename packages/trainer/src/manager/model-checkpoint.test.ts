import { WEIGHTS_PER_STAGE } from '@prismind/board';
import { PATTERN_SET_ID, type ModelState } from '@prismind/board/contracts';
import { CheckpointManager } from '@prismind/checkpoint';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/run-dir';
import {
  fromLoadedState,
  locateWeight,
  resetNonFinite,
  toCheckpointState,
} from './model-checkpoint';
import type { TrainingSettings } from './options';

function model(stages: number): ModelState {
  const n = stages * WEIGHTS_PER_STAGE;
  const weights = new Float32Array(n).map((_, i) => (i % 97) / 10);
  return {
    patternSet: PATTERN_SET_ID,
    stages,
    weights,
    adamM: weights.map((w) => w / 2),
    adamV: weights.map((w) => w * w),
    step: 12,
    beta1Power: 0.9 ** 12,
    beta2Power: 0.999 ** 12,
    games: 15,
  };
}

const settings: TrainingSettings = {
  targetGames: 100,
  checkpointInterval: 10,
  callbackInterval: 5,
  search: { depth: 1, exactEmpties: 0 },
  epsilon: 0.1,
  lambda: 0.7,
  learningRate: 0.005,
};

describe('locateWeight', () => {
  it('maps flat offsets to stage, shape and index (docs/engine-spec.md layout)', () => {
    expect(locateWeight(0)).toEqual({ stage: 0, pattern: 'corner3x3', index: 0 });
    expect(locateWeight(19_683)).toEqual({ stage: 0, pattern: 'corner2x5', index: 0 });
    expect(locateWeight(166_212 + 5)).toEqual({ stage: 0, pattern: 'diag6', index: 5 });
    expect(locateWeight(2 * WEIGHTS_PER_STAGE + 167_184 + 80)).toEqual({
      stage: 2,
      pattern: 'diag4',
      index: 80,
    });
  });
});

describe('resetNonFinite', () => {
  it('resets a weight and its moments when any of them is NaN or infinite', () => {
    const m = model(2);
    m.weights[7] = Number.NaN;
    m.adamM[WEIGHTS_PER_STAGE + 19_683 + 3] = Number.POSITIVE_INFINITY;
    m.adamV[100] = Number.NEGATIVE_INFINITY;
    const found = resetNonFinite(m);
    expect(found.map((f) => [f.offset, f.stage, f.pattern, f.index])).toEqual([
      [7, 0, 'corner3x3', 7],
      [100, 0, 'corner3x3', 100],
      [WEIGHTS_PER_STAGE + 19_683 + 3, 1, 'corner2x5', 3],
    ]);
    expect(Number.isNaN(found[0]!.weight)).toBe(true);
    for (const f of found) {
      expect([m.weights[f.offset], m.adamM[f.offset], m.adamV[f.offset]]).toEqual([0, 0, 0]);
    }
    expect(resetNonFinite(m)).toEqual([]);
    expect(m.weights[8]).toBeCloseTo(0.8, 5);
  });
});

describe('trainer checkpoints', () => {
  it('round-trip through @prismind/checkpoint with counters, settings and monitors', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const manager = await CheckpointManager.open(dir);
      const m = model(1);
      const rest = {
        run: { runId: 'r', seed: 42, backend: 'js' as const, settings },
        monitors: { convergence: { a: 1 }, errors: { b: 2 } },
        training: { elapsedMs: 1234.5, weightResets: 3 },
      };
      const saved = await manager.save(toCheckpointState(m, rest));
      expect(saved.gamesCompleted).toBe(15);
      const latest = await manager.loadLatest();
      const back = fromLoadedState(latest.state, latest.path);
      expect(back.metadata).toEqual({
        format: 'prismind-trainer',
        version: 1,
        model: {
          patternSet: PATTERN_SET_ID,
          stages: 1,
          step: 12,
          beta1Power: 0.9 ** 12,
          beta2Power: 0.999 ** 12,
          games: 15,
        },
        ...rest,
      });
      expect(back.model.weights).toEqual(m.weights);
      expect(back.model.adamV).toEqual(m.adamV);
      expect(back.model.games).toBe(15);
    } finally {
      await cleanup();
    }
  });

  it("refuses a checkpoint that is not the trainer's, naming what is wrong", () => {
    const loaded = {
      gamesCompleted: 1,
      timestamp: 0,
      metadata: { format: 'other' },
      sections: {},
    };
    expect(() => fromLoadedState(loaded, 'x.prsm')).toThrow(
      /x\.prsm: not a trainer checkpoint \(format/,
    );
    const state = toCheckpointState(model(1), {
      run: { runId: 'r', seed: 1, backend: 'js', settings },
      monitors: { convergence: null, errors: null },
      training: { elapsedMs: 0, weightResets: 0 },
    });
    const short = {
      ...state,
      timestamp: 0,
      sections: { ...state.sections, adamM: new Float32Array(3) },
    };
    expect(() => fromLoadedState(short, 'y.prsm')).toThrow(/section adamM must be 167265 f32/);
  });
});
