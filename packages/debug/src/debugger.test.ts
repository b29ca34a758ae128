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

/** A run directory with two good checkpoints and a damaged newest one, metrics and a log. */
async function runDir(): Promise<string> {
  const dir = await tempDir();
  await writeRunFixture(dir);
  await mkdir(join(dir, 'checkpoints'));
  const older = smallState(2, 100);
  const newer = cloneState(older);
  newer.games = 200;
  newer.weights[0] = 42;
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
        ['corner3x3', 0, 0, 42],
      ]);
      expect((await dbg.errorSummary()).total).toBe(6);
      const csv = await dbg.exportCsv(join(dir, 'metrics.csv'), 'metrics');
      expect(csv.rows).toBe(3);
      const diff = await dbg.compareCheckpoints(join(dir, 'checkpoints', 'ckpt-000000000100.prsm'));
      expect(diff.gamesBetween).toBe(100);
      expect(diff.total.changed).toBe(1);
      // the start reads the empty corner weight 4 times: 4 · 42
      expect(dbg.inspectTrace(START).value).toBe(168);
      const replay = await dbg.replayGame('f5d6', { depth: 1 });
      expect(replay.plies[0]!.evaluation).toBe(168);
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
    expect(trace.features[0]!.contributions).toEqual([1, 0.5]);
    expect(dbg.visualizePattern(START, 'corner3x3')).toHaveLength(4);
    expect(dbg.visualizeBoard(START, { format: 'svg' })).toContain('<svg');
    await dbg.dispose();
  });

  it('loads the model into a given engine, or takes the engine state as the model', async () => {
    const engine = createJsEngine({ stages: 2 });
    try {
      const state = smallState(2);
      state.weights[0] = 2;
      const dbg = await Debugger.open({ state, engine });
      expect(engine.evaluate(START, 1)).toBe(8);
      await dbg.dispose(); // not its engine: still usable
      expect(engine.evaluate(START, 1)).toBe(8);
      const fromEngine = await Debugger.open({ engine });
      expect(fromEngine.source).toBe('engine');
      expect(fromEngine.state.weights[0]).toBe(2);
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
