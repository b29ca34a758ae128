import { Position, replayMoves } from '@prismind/board';
import { isPrismindError, type TrainProgress } from '@prismind/board/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsEngine, type JsEngine } from './engine';
import { firstDifference } from '@prismind/test-support';
import { slowTdError } from './test-reference';

const engines: JsEngine[] = [];
function engine(options: Parameters<typeof createJsEngine>[0] = {}): JsEngine {
  const e = createJsEngine({ stages: 8, ttBytes: 1 << 20, ...options });
  engines.push(e);
  return e;
}
afterAll(() => Promise.all(engines.map((e) => e.dispose())));

function sameModel(a: JsEngine, b: JsEngine): void {
  const x = a.getState();
  const y = b.getState();
  expect(firstDifference(x.weights, y.weights), 'weights').toBe(-1);
  expect(firstDifference(x.adamM, y.adamM), 'adamM').toBe(-1);
  expect(firstDifference(x.adamV, y.adamV), 'adamV').toBe(-1);
  expect([x.step, x.beta1Power, x.beta2Power, x.games]).toEqual([
    y.step,
    y.beta1Power,
    y.beta2Power,
    y.games,
  ]);
}

/** Resolve after `ms`. */
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('training batches', () => {
  it('is deterministic with one thread and a seed', async () => {
    const a = engine();
    const b = engine();
    const options = { games: 150, seed: 77, search: { depth: 2 } };
    const ra = await a.train(options);
    const rb = await b.train(options);
    expect({ ...ra, seconds: 0 }).toEqual({ ...rb, seconds: 0 });
    expect(ra.gamesCompleted).toBe(150);
    expect(ra.blackWins + ra.whiteWins + ra.draws).toBe(150);
    expect(ra.movesPlayed).toBeGreaterThan(150 * 50);
    expect(ra.stopped).toBe(false);
    sameModel(a, b);
    expect(a.getState()).toMatchObject({ games: 150, step: 150 });
    const other = engine();
    await other.train({ ...options, seed: 78 });
    expect(firstDifference(other.getState().weights, a.getState().weights)).toBeGreaterThanOrEqual(
      0,
    );
  });

  it("reports the TD error: the mean of the learned games' mean |E_k|", async () => {
    const learning = { lambda: 0.6 };
    const r = await engine({ stages: 1 }).train({
      games: 8,
      seed: 3,
      epsilon: 0.3,
      learning,
      recordEvery: 1,
    });
    expect(r.sampledGames).toHaveLength(8);
    // Each game's error with the weights as they were when it ended: replay the batch game by game.
    const replayed = engine({ stages: 1 });
    let sum = 0;
    for (const game of r.sampledGames) {
      sum += slowTdError(game.moves, replayed.getState().weights, 1, learning.lambda);
      replayed.learnFromGame(game.moves, learning);
    }
    expect(Math.abs(r.avgTdError - sum / 8) / (sum / 8)).toBeLessThan(1e-9);
    const failed = await engine({ testHooks: { failGames: [0] } }).train({ games: 1 });
    expect([failed.gamesCompleted, failed.avgTdError]).toEqual([0, 0]);
  });

  it('samples the games numbered a multiple of recordEvery, across batches and threads', async () => {
    const one = engine();
    const options = { seed: 11, epsilon: 0.2, recordEvery: 10 };
    const first = await one.train({ ...options, games: 25 });
    const second = await one.train({ ...options, games: 25 });
    expect(first.sampledGames.map((g) => g.game)).toEqual([0, 10, 20]);
    expect(second.sampledGames.map((g) => g.game)).toEqual([30, 40]);
    for (const game of [...first.sampledGames, ...second.sampledGames]) {
      const final = replayMoves(game.moves).final;
      expect(final.isGameOver()).toBe(true);
      expect(final.score()).toBe(game.finalScore);
    }
    const threaded = await engine().train({ ...options, games: 50, threads: 3 });
    expect(threaded.sampledGames.map((g) => g.game)).toEqual([0, 10, 20, 30, 40]);
    expect((await engine().train({ games: 20 })).sampledGames).toEqual([]);
  });

  it('gives the same model in two batches of N/2 as in one of N', async () => {
    const one = engine();
    const two = engine();
    const options = { seed: 5, epsilon: 0.2, search: { depth: 1, exactEmpties: 8 } };
    await one.train({ ...options, games: 120 });
    await two.train({ ...options, games: 60 });
    await two.train({ ...options, games: 60 });
    sameModel(one, two);
  });

  it('reports progress every N games, in order', async () => {
    const e = engine();
    const seen: TrainProgress[] = [];
    const r = await e.train({ games: 100, progressEveryGames: 25 }, (p) => seen.push(p));
    expect(seen.map((p) => p.gamesDone)).toEqual([25, 50, 75, 100]);
    expect(seen.every((p) => p.gamesTarget === 100)).toBe(true);
    const last = seen[3]!;
    expect(last.blackWins + last.whiteWins + last.draws).toBe(100);
    expect(last.avgDiscDiff).toBe(r.avgDiscDiff);
    expect(last.elapsedMs).toBeGreaterThan(0);
    // A throwing listener does not break the batch.
    const r2 = await e.train({ games: 20, progressEveryGames: 5 }, () => {
      throw new Error('listener');
    });
    expect(r2.gamesCompleted).toBe(20);
  });

  it('stops within 100 ms and resumes to the same model', async () => {
    const stopped = engine();
    // Measure from a running batch (not from a worker still booting): wait for its first games.
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const promise = stopped.train({ games: 1_000_000, seed: 9, progressEveryGames: 50 }, () =>
      started(),
    );
    await running;
    await sleep(100);
    const asked = performance.now();
    stopped.requestStop();
    const r = await promise;
    const settleMs = performance.now() - asked;
    expect(settleMs).toBeLessThan(100);
    expect(r.stopped).toBe(true);
    expect(r.gamesCompleted).toBeGreaterThan(0);
    expect(stopped.getState().games).toBe(r.gamesCompleted);
    // Resume: the abandoned game is played again; the total equals an uninterrupted run.
    const total = r.gamesCompleted + 30;
    await stopped.train({ games: 30, seed: 9 });
    const straight = engine();
    await straight.train({ games: total, seed: 9 });
    sameModel(stopped, straight);
  });

  it('stops within 100 ms while its workers are still starting', async () => {
    const e = engine();
    const asked = performance.now();
    const promise = e.train({ games: 1000, threads: 2 });
    e.requestStop();
    const r = await promise;
    expect(performance.now() - asked).toBeLessThan(100);
    expect(r).toMatchObject({ gamesCompleted: 0, stopped: true });
    expect(e.getState()).toMatchObject({ games: 0, step: 0 });
    // The booting workers later see their cancelled batch and ignore it; the next batch runs.
    const next = await e.train({ games: 30, threads: 2 });
    expect(next.gamesCompleted).toBe(30);
    expect(e.getState().games).toBe(30);
  });

  it('stops a deep search within 100 ms', async () => {
    const e = engine();
    await e.train({ games: 1 }); // the worker is up
    const promise = e.train({ games: 1000, search: { depth: 9 }, epsilon: 0 });
    await sleep(300);
    const asked = performance.now();
    e.requestStop();
    const r = await promise;
    expect(performance.now() - asked).toBeLessThan(100);
    expect(r.stopped).toBe(true);
  });

  it('skips a failing game, records it and uses up its number', async () => {
    const e = engine({ testHooks: { failGames: [3, 7] } });
    const r = await e.train({ games: 12 });
    expect(r.gamesCompleted).toBe(10);
    expect(r.failures.map((f) => f.game)).toEqual([3, 7]);
    expect(r.failures[0]).toMatchObject({
      kind: 'Error',
      message: expect.stringMatching(/game 3/),
    });
    expect(r.failedGames).toBe(2);
    expect(r.stopped).toBe(false);
    expect(e.getState()).toMatchObject({ games: 12, step: 10 });
  });

  it('counts every failed game and lists the first 100, with two threads', async () => {
    const failGames = Array.from({ length: 150 }, (_, i) => 10 + 2 * i);
    const e = engine({ testHooks: { failGames } });
    const r = await e.train({ games: 400, threads: 2 });
    expect(r.failedGames).toBe(150);
    expect(r.gamesCompleted).toBe(250);
    expect(r.failures.map((f) => f.game)).toEqual(failGames.slice(0, 100));
    expect(e.getState()).toMatchObject({ games: 400, step: 250 });
  });

  it('rejects with ENGINE_FAILURE when a worker dies, and recovers', async () => {
    const e = engine({ testHooks: { crashAtGame: 6 } });
    const started = performance.now();
    const error = await e.train({ games: 400, threads: 2 }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(isPrismindError(error, 'ENGINE_FAILURE')).toBe(true);
    expect(String((error as Error).message)).toMatch(/exited with code 70/);
    expect(performance.now() - started).toBeLessThan(10_000);
    const games = e.getState().games;
    expect(games).toBeLessThan(400);
    // The dead worker is replaced; numbering moves past the crashing game.
    e.setState({ ...e.getState(), games: 100 });
    const r = await e.train({ games: 20, threads: 2 });
    expect(r.gamesCompleted).toBe(20);
  });

  it('plays on two threads against the shared table', async () => {
    const e = engine();
    const r = await e.train({ games: 200, threads: 2, seed: 4 });
    expect(r.gamesCompleted).toBe(200);
    expect(e.getState()).toMatchObject({ games: 200, step: 200 });
    expect(r.blackWins + r.whiteWins + r.draws).toBe(200);
    expect(r.avgTdError).toBeGreaterThan(0);
    expect(Number.isFinite(r.avgTdError)).toBe(true);
  });

  it('is busy while a batch runs', async () => {
    const e = engine();
    const running = e.train({ games: 200 });
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (error) {
        return isPrismindError(error) ? error.code : 'other';
      }
      return 'none';
    };
    expect(await e.train({ games: 1 }).catch((err: { code: string }) => err.code)).toBe(
      'TRAINING_BUSY',
    );
    const idle = createJsEngine({ stages: 8 }).getState();
    expect(code(() => e.setState(idle))).toBe('TRAINING_BUSY');
    expect(code(() => e.learnFromGame([]))).toBe('TRAINING_BUSY');
    expect(code(() => e.getState())).toBe('TRAINING_BUSY');
    const start = Position.initial().toCells();
    expect(code(() => e.evaluate(start, 1))).toBe('TRAINING_BUSY');
    expect(e.featureIndices(start)).toHaveLength(46);
    await running;
    expect(e.getState().games).toBe(200);
  });

  it('resets non-finite weights and counts them', async () => {
    const e = engine({ stages: 1 });
    const s = e.getState();
    s.weights.fill(3e38);
    const r = await e.train({ games: 2, epsilon: 1 });
    expect(r.resets).toBeGreaterThan(0);
    expect(r.gamesCompleted).toBe(2);
  });

  it('settles a running batch on dispose', async () => {
    const e = engine();
    const running = e.train({ games: 1_000_000 });
    await sleep(200);
    await e.dispose();
    const r = await running;
    expect(r.stopped).toBe(true);
  });
});
