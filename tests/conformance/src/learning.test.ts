import type { Engine, ModelState } from '@prismind/board/contracts';
import { replayMoves } from '@prismind/board';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackendPair, createBackends, disposeBackends } from './support';
import {
  firstDifference,
  randomGame,
  randomPositions,
  randomState,
  sample,
} from '@prismind/test-support';

function expectSameState(a: ModelState, b: ModelState): void {
  expect(firstDifference(a.weights, b.weights), 'weights').toBe(-1);
  expect(firstDifference(a.adamM, b.adamM), 'adamM').toBe(-1);
  expect(firstDifference(a.adamV, b.adamV), 'adamV').toBe(-1);
  expect({ step: a.step, b1: a.beta1Power, b2: a.beta2Power, games: a.games }).toEqual({
    step: b.step,
    b1: b.beta1Power,
    b2: b.beta2Power,
    games: b.games,
  });
}

function copyState(state: ModelState): ModelState {
  return {
    ...state,
    weights: state.weights.slice(),
    adamM: state.adamM.slice(),
    adamV: state.adamV.slice(),
  };
}

describe('learning agrees across backends', () => {
  let pair: BackendPair;

  beforeAll(() => {
    pair = createBackends();
  });
  afterAll(() => disposeBackends(pair));

  it('applies the same TD(λ) update from the same recorded games', () => {
    const start = randomState(pair.js.getState(), 99);
    pair.js.setState(start);
    pair.native.setState(start);
    for (let g = 0; g < 5; g++) {
      const moves = randomGame(1000 + g);
      pair.js.learnFromGame(moves, { lambda: 0.7, learningRate: 0.01 });
      pair.native.learnFromGame(moves, { lambda: 0.7, learningRate: 0.01 });
    }
    const js = copyState(pair.js.getState());
    expectSameState(pair.native.getState(), js);
    expect(js.step).toBe(start.step + 5);
    expect(firstDifference(js.weights, start.weights)).toBeGreaterThanOrEqual(0);
  });

  it('plays and learns the same self-play games with one thread and a seed', async () => {
    const fresh = randomState(pair.js.getState(), 3);
    for (const engine of [pair.js, pair.native] as Engine[]) {
      engine.setState({
        ...fresh,
        weights: new Float32Array(fresh.weights.length),
        adamM: new Float32Array(fresh.weights.length),
        adamV: new Float32Array(fresh.weights.length),
        step: 0,
        beta1Power: 1,
        beta2Power: 1,
        games: 0,
      });
    }
    const options = {
      games: 40,
      threads: 1,
      seed: 2024,
      epsilon: 0.1,
      search: { depth: 2 },
      recordEvery: 7,
    };
    const js = await pair.js.train(options);
    const native = await pair.native.train(options);
    expect(native.gamesCompleted).toBe(40);
    // The sampled games are part of the result: the same games, move for move, on both.
    expect({ ...native, seconds: 0 }).toEqual({ ...js, seconds: 0 });
    // The TD error too, bit for bit: per-game means summed in game-number order.
    expect(native.avgTdError).toBe(js.avgTdError);
    expect(js.avgTdError).toBeGreaterThan(0);
    expect(js.sampledGames.map((g) => g.game)).toEqual([0, 7, 14, 21, 28, 35]);
    for (const game of js.sampledGames) {
      const final = replayMoves(game.moves).final;
      expect(final.isGameOver()).toBe(true);
      expect(final.score()).toBe(game.finalScore);
    }
    expectSameState(pair.native.getState(), copyState(pair.js.getState()));
  });

  it('reads a model written by the other backend and evaluates it the same', () => {
    const positions = sample(randomPositions(10, 8), 200);
    const trainedByNative = copyState(pair.native.getState());
    const reader = pair.js;
    reader.setState(trainedByNative);
    for (const position of positions) {
      const cells = position.toCells();
      expect(reader.evaluate(cells, position.player)).toBe(
        pair.native.evaluate(cells, position.player),
      );
    }
    const byJs = randomState(trainedByNative, 17);
    pair.js.setState(byJs);
    pair.native.setState(copyState(pair.js.getState()));
    for (const position of positions) {
      const cells = position.toCells();
      expect(pair.native.evaluate(cells, position.player)).toBe(
        pair.js.evaluate(cells, position.player),
      );
    }
  });
});
