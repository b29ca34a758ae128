import { leagueScore } from '@prismind/arena';
import { createJsEngine } from '@prismind/js-core';
import { readCheckpointFile } from '@prismind/checkpoint';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fromLoadedState,
  loadNewestModel,
  readRunStatus,
  type StrengthEvent,
  TrainingManager,
} from '../src/index';
import { isStronger } from '../src/strength/in-run';
import { readJsonLines, tempDir } from './support/run-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

// Small measurements so the test is quick: 100 League games and 20 solved endgames a point.
const STRENGTH = {
  everyGames: 300,
  everyMinutes: 0,
  leagueGames: 100,
  endgamePositions: 20,
  seed: 5,
};

describe('strength inside a run', () => {
  it('measures every N games into metrics.jsonl, status.json and events, and keeps best.prsm', async () => {
    const runDir = join(dir, 'measured');
    const manager = new TrainingManager({
      runDir,
      backend: 'js',
      seed: 3,
      stages: 2,
      tensorboard: false,
      logEcho: false,
      strength: STRENGTH,
    });
    const events: StrengthEvent[] = [];
    manager.on('strength', (e) => events.push(e));
    const result = await manager.start({ targetGames: 900, callbackInterval: 100 });
    expect(result.outcome).toBe('completed');

    expect(events.map((e) => e.games)).toEqual([300, 600, 900]);
    const metrics = await readJsonLines(join(runDir, 'metrics.jsonl'));
    const records = metrics.filter((r) => r.kind === 'strength');
    expect(records.map((r) => r.games)).toEqual([300, 600, 900]);
    for (const e of events) {
      expect(e.league.games).toBe(100);
      expect(e.league.low).toBeLessThanOrEqual(e.league.score);
      expect(e.league.high).toBeGreaterThanOrEqual(e.league.score);
      expect(e.endgame.positions).toBe(20);
      expect(e.endgame.mae).toBeGreaterThan(0);
    }

    const status = readRunStatus(runDir)!;
    expect(status.strength?.latest.games).toBe(900);
    const best = status.strength!.best!;
    // the best is the measurement that beat every earlier best by the rule of `isStronger`
    const strongest = events.reduce<StrengthEvent | undefined>(
      (kept, e) => (isStronger(e, kept) ? e : kept),
      undefined,
    )!;
    expect(best.games).toBe(strongest.games);
    expect(best.league.score).toBe(strongest.league.score);
    expect(events.filter((e) => e.best).at(-1)!.games).toBe(best.games);
    expect(best.path).toBe(join(runDir, 'checkpoints', 'best.prsm'));

    // best.prsm holds the model measured as best: the League replays to the same score
    const loaded = fromLoadedState(await readCheckpointFile(best.path!), best.path!);
    expect(loaded.model.games).toBe(best.games);
    const engine = createJsEngine({ stages: 2 });
    try {
      engine.setState(loaded.model);
      const replay = await leagueScore({ engine, games: 100, seed: STRENGTH.seed });
      expect(replay.score).toBe(best.league.score);
    } finally {
      await engine.dispose();
    }
    // "the newest checkpoint of the run" is still the final one, not best.prsm
    const newest = await loadNewestModel(runDir);
    expect(newest.model.games).toBe(900);
  });

  it('strength: false measures nothing; a short run is not measured at its end', async () => {
    const off = join(dir, 'off');
    await new TrainingManager({
      runDir: off,
      backend: 'js',
      seed: 3,
      stages: 2,
      strength: false,
    }).start({ targetGames: 300 });
    expect(readRunStatus(off)!.strength ?? null).toBeNull();
    const short = join(dir, 'short');
    await new TrainingManager({ runDir: short, backend: 'js', seed: 3, stages: 2 }).start({
      targetGames: 300,
    });
    expect(readRunStatus(short)!.strength ?? null).toBeNull();
    expect(existsSync(join(short, 'checkpoints', 'best.prsm'))).toBe(false);
  });
});
