import {
  featureIndices,
  Position,
  PrismindError,
  stageOf,
  FEATURE_SHAPE,
  WEIGHTS_PER_STAGE,
  weightOffset,
  weightSign,
} from '@prismind/board';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNativeEngine, type NativeEngine } from '../src/index';
import {
  firstDifference,
  randomGame,
  randomPositions,
  randomState,
  startCells,
} from '@prismind/test-support';

/** evaluate() recomputed in JavaScript from the state's weights (docs/engine-spec.md, Evaluation). */
function referenceEvaluate(weights: Float32Array, position: Position, stages: number): number {
  const indices = featureIndices(position);
  const stage = stageOf(position.discs(), stages);
  let sum = 0;
  for (let f = 0; f < indices.length; f++) {
    const shape = FEATURE_SHAPE[f]!;
    sum += weightSign(shape, indices[f]!) * weights[weightOffset(stage, shape, indices[f]!)]!;
  }
  return sum;
}

describe('NativeEngine through the binding', () => {
  let engine: NativeEngine;
  const positions = randomPositions(12, 5);

  beforeAll(() => {
    engine = createNativeEngine();
    engine.setState(randomState(engine.getState(), 9, 12));
  });
  afterAll(() => engine.dispose());

  it('starts as a fresh model of 30 stages', async () => {
    const fresh = createNativeEngine();
    const state = fresh.getState();
    expect(fresh.backend).toBe('native');
    expect(fresh.shape).toEqual({
      patternSet: 'prismind-v3',
      stages: 30,
      weightsPerStage: WEIGHTS_PER_STAGE,
      totalWeights: 30 * WEIGHTS_PER_STAGE,
      featureCount: 46,
    });
    expect(state.weights.length).toBe(30 * WEIGHTS_PER_STAGE);
    expect(state.weights.every((w) => w === 0)).toBe(true);
    expect({
      step: state.step,
      b1: state.beta1Power,
      b2: state.beta2Power,
      games: state.games,
    }).toEqual({ step: 0, b1: 1, b2: 1, games: 0 });
    expect(fresh.evaluate(startCells(), 1)).toBe(0);
    await fresh.dispose();
  });

  it('computes the feature indices of @prismind/board', () => {
    for (const p of positions) {
      expect(Array.from(engine.featureIndices(p.toCells()))).toEqual(Array.from(featureIndices(p)));
    }
  });

  it('evaluates as the spec says: f64 sum of the stage weights, in feature order', () => {
    const { weights, stages } = engine.getState();
    for (const p of positions) {
      expect(engine.evaluate(p.toCells(), p.player)).toBe(referenceEvaluate(weights, p, stages));
    }
  });

  it('evaluates a batch exactly as one by one', () => {
    const sample = positions.slice(0, 200);
    const cells = new Uint8Array(64 * sample.length);
    const players = Uint8Array.from(sample, (p) => p.player);
    for (const [i, p] of sample.entries()) cells.set(p.toCells(), 64 * i);
    const batch = engine.evaluateBatch(cells, players);
    expect(Array.from(batch)).toEqual(sample.map((p) => engine.evaluate(p.toCells(), p.player)));
  });

  it('reads weights by shape, stage and index, with their signs', () => {
    const { weights } = engine.getState();
    const read: number[] = [];
    for (const [shape, stage, index] of [
      [0, 0, 1],
      [1, 29, 59048],
      [10, 15, 80],
      [0, 3, 0],
    ] as const) {
      const sign = weightSign(shape, index);
      read.push(sign);
      expect(engine.getWeight(shape, stage, index)).toBe(
        sign * weights[weightOffset(stage, shape, index)]!,
      );
    }
    expect(read).toEqual([1, -1, -1, 0]);
  });

  it('searches off the JS thread and reports the contract fields', async () => {
    const result = await engine.search(startCells(), 1, { depth: 4 });
    expect(result.depth).toBe(4);
    expect(Position.initial().legalMoves()).toContain(result.move);
    expect(result.pv[0]).toBe(result.move);
    expect(result.nodes).toBeGreaterThan(0);
    expect(result.exact).toBe(false);
    expect(Object.keys(result).sort()).toEqual(
      ['depth', 'exact', 'move', 'nodes', 'pv', 'score', 'timeMs'].sort(),
    );
  });

  it('solves an endgame exactly', async () => {
    const p = positions.find((q) => 64 - q.discs() === 10 && !q.mustPass())!;
    const result = await engine.search(p.toCells(), p.player, { depth: 60, exactEmpties: 20 });
    expect(result.exact).toBe(true);
    expect(result.depth).toBe(10);
    expect(Number.isInteger(result.score)).toBe(true);
  });

  it('honours a time limit', async () => {
    const started = performance.now();
    const result = await engine.search(startCells(), 1, { depth: 60, timeMs: 50 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.depth).toBeGreaterThanOrEqual(1);
  });

  it('learns from a recorded game: one Adam step, weights move, nothing else changes', () => {
    const learner = createNativeEngine();
    learner.learnFromGame(randomGame(3), { learningRate: 0.01 });
    const state = learner.getState();
    expect(state.step).toBe(1);
    expect(state.games).toBe(1);
    expect(state.beta1Power).toBeCloseTo(0.9, 12);
    expect(state.weights.some((w) => w !== 0)).toBe(true);
    return learner.dispose();
  });

  it('round-trips a state: getState copies, setState copies back, bit for bit', async () => {
    const other = createNativeEngine();
    const state = engine.getState();
    other.setState(state);
    const back = other.getState();
    expect(firstDifference(back.weights, state.weights)).toBe(-1);
    expect(firstDifference(back.adamM, state.adamM)).toBe(-1);
    expect(firstDifference(back.adamV, state.adamV)).toBe(-1);
    expect({ ...back, weights: 0, adamM: 0, adamV: 0 }).toEqual({
      ...state,
      weights: 0,
      adamM: 0,
      adamV: 0,
    });
    // A copy: changing what getState returned does not change the model.
    back.weights[1] = 123;
    expect(other.getWeight(0, 0, 1)).toBe(state.weights[1]);
    await other.dispose();
  });

  it('takes another stage count through setState', async () => {
    const other = createNativeEngine({ stages: 4 });
    expect(other.getState().weights.length).toBe(4 * WEIGHTS_PER_STAGE);
    other.setState(engine.getState());
    expect(other.shape.stages).toBe(30);
    const p = positions[40]!;
    expect(other.evaluate(p.toCells(), p.player)).toBe(engine.evaluate(p.toCells(), p.player));
    await other.dispose();
  });

  it('fails with ENGINE_DISPOSED after dispose', async () => {
    const gone = createNativeEngine({ stages: 1 });
    await gone.dispose();
    await gone.dispose();
    expect(() => gone.evaluate(startCells(), 1)).toThrow(PrismindError);
    expect(() => gone.getState()).toThrowError(/disposed/);
    await expect(gone.search(startCells(), 1, { depth: 1 })).rejects.toMatchObject({
      code: 'ENGINE_DISPOSED',
    });
    await expect(gone.train({ games: 1 })).rejects.toMatchObject({ code: 'ENGINE_DISPOSED' });
  });
});
