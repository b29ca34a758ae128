import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Position } from '@prismind/board';
import { createJsEngine } from '@prismind/js-core';
import { describe, expect, it } from 'vitest';
import { Debugger } from './debugger';
import { isDebugError } from './errors';
import { writeRunFixture } from './run-fixture';
import { cloneState, smallState, tempDir, writeTrainerCheckpoint } from './test-support';

const START = Position.initial().toCells();
/** After f5 d6 c3: c3 is black and the other corner 3x3 squares empty, so corner3x3 index 1
 * (c3 black, read as it is) is read once; every other weight a test sets is 0. */
const AFTER_C3 = Position.initial().play(37).play(43).play(18).toCells();

/** A run directory with two good checkpoints and a damaged newest one, metrics and a log. */
async function runDir(): Promise<string> {
  const dir = await tempDir();
  await writeRunFixture(dir);
  await mkdir(join(dir, 'checkpoints'));
  const older = smallState(2, 100);
  const newer = cloneState(older);
  newer.games = 200;
  newer.weights[1] = 42;
  await writeTrainerCheckpoint(join(dir, 'checkpoints', 'ckpt-000000000100.prsm'), older);
  await writeTrainerCheckpoint(join(dir, 'checkpoints', 'ckpt-000000000200.prsm'), newer);
  await writeFile(join(dir, 'checkpoints', 'ckpt-000000000300.prsm'), 'not a checkpoint');
  return dir;
}

describe('Debugger', () => {
  it('opens a run: the newest checkpoint that loads, its metrics and its log', async () => {
    const dir = await runDir();
    const dbg = await Debugger.open({ runDir: dir });
    try {
      expect(dbg.source).toBe(join(dir, 'checkpoints', 'ckpt-000000000200.prsm'));
      expect(dbg.state.games).toBe(200);
      expect(dbg.detectAnomalies(10).map((a) => [a.pattern, a.stage, a.index, a.value])).toEqual([
        ['corner3x3', 0, 1, 42],
      ]);
      expect((await dbg.errorSummary()).total).toBe(6);
      const csv = await dbg.exportCsv(join(dir, 'metrics.csv'), 'metrics');
      expect(csv.rows).toBe(3);
      const diff = await dbg.compareCheckpoints(join(dir, 'checkpoints', 'ckpt-000000000100.prsm'));
      expect(diff.gamesBetween).toBe(100);
      expect(diff.total.changed).toBe(1);
      expect(dbg.inspectTrace(AFTER_C3).value).toBe(42);
      // the start reads 0 whatever the weights: its colour inverse is its mirror image
      expect(dbg.inspectTrace(START).value).toBe(0);
      // evaluations before each move: only the position after c3 reads the weight
      const replay = await dbg.replayGame('f5d6c3d3', { depth: 1 });
      expect(replay.plies.map((p) => p.evaluation)).toEqual([0, 0, 0, 42]);
    } finally {
      await dbg.dispose();
    }
  });

  it('opens a checkpoint or a state; traces of a game position; patterns; pictures', async () => {
    const dir = await tempDir();
    const state = smallState(2, 5);
    state.weights[0] = 1;
    await writeTrainerCheckpoint(join(dir, 'c.prsm'), state);
    const dbg = await Debugger.open({ checkpoint: join(dir, 'c.prsm') });
    expect(dbg.state.weights[0]).toBe(1);
    const trace = dbg.inspectTrace({ moves: 'f5d6c3', at: 1 }, { lambda: 0.5 });
    expect(trace.features.find((f) => f.sign === 1)!.contributions).toEqual([1, 0.5]);
    expect(dbg.visualizePattern(START, 'corner3x3')).toHaveLength(4);
    expect(dbg.visualizeBoard(START, { format: 'svg' })).toContain('<svg');
    await dbg.dispose();
  });

  it('loads the model into a given engine, or takes the engine state as the model', async () => {
    const engine = createJsEngine({ stages: 2 });
    try {
      const state = smallState(2);
      state.weights[1] = 2;
      const dbg = await Debugger.open({ state, engine });
      expect(engine.evaluate(AFTER_C3, 2)).toBe(2);
      await dbg.dispose(); // not its engine: still usable
      expect(engine.evaluate(AFTER_C3, 2)).toBe(2);
      const fromEngine = await Debugger.open({ engine });
      expect(fromEngine.source).toBe('engine');
      expect(fromEngine.state.weights[1]).toBe(2);
    } finally {
      await engine.dispose();
    }
  });

  it('says what is missing', async () => {
    const none = await Debugger.open({ runDir: await tempDir() });
    expect(() => none.state).toThrow(/no model to inspect/);
    await expect(none.errorSummary()).resolves.toMatchObject({ total: 0 });
    const noRun = await Debugger.open({ state: smallState(1) });
    await expect(noRun.errorSummary()).rejects.toSatisfy((e) =>
      isDebugError(e, 'DEBUG_NO_RUN_DIR'),
    );
    await expect(noRun.exportCsv('x.csv', 'errors')).rejects.toThrow(/runDir/);
    await expect(Debugger.open({ checkpoint: '/nonexistent/c.prsm' })).rejects.toSatisfy((e) =>
      isDebugError(e, 'DEBUG_BAD_CHECKPOINT'),
    );
  });
});
