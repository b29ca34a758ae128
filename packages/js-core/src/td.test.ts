import {
  FEATURE_SHAPE,
  featureIndices,
  Position,
  WEIGHTS_PER_STAGE,
  weightOffset,
  weightSign,
} from '@prismind/board';
import { DEFAULT_LEARNING_PARAMS, type LearningParams } from '@prismind/board/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsEngine } from './engine';
import { stageBaseTable } from './evaluate';
import { GameState } from './game';
import { replayGame } from './replay';
import { TdLearner } from './td';
import { fillRandom, randomGame } from '@prismind/test-support';
import { slowEvaluate, slowTdError } from './test-reference';

/**
 * A straightforward reference of the spec's update with one stage (a dense weight vector of
 * 167,265): replay with Position, dense eligibility traces e_t = λ e_{t-1} + x_t (x_t: each
 * feature's sign on the weight it reads), gradient -Σ_t δ_t e_t, then Adam on every weight some
 * x_t touches.
 */
function referenceGradient(
  moves: number[],
  weights: Float32Array,
  lambda: number,
): { gradient: Float64Array; touched: Set<number> } {
  const n = WEIGHTS_PER_STAGE;
  const xs: [number, number][][] = [];
  const values: number[] = [];
  let p = Position.initial();
  for (const sq of moves) {
    if (p.mustPass()) p = p.pass();
    const idx = featureIndices(p);
    xs.push(
      Array.from(idx, (index, f) => {
        const shape = FEATURE_SHAPE[f]!;
        return [weightOffset(0, shape, index), weightSign(shape, index)];
      }),
    );
    values.push(slowEvaluate(p, weights, 1));
    p = p.play(sq);
  }
  expect(p.isGameOver()).toBe(true);
  const z = p.score();
  const trace = new Float64Array(n);
  const sum = new Float64Array(n);
  const touched = new Set<number>();
  const t = xs.length;
  for (let k = 0; k < t; k++) {
    for (let i = 0; i < n; i++) trace[i]! *= lambda;
    for (const [o, sign] of xs[k]!) {
      trace[o]! += sign;
      touched.add(o);
    }
    const delta = k < t - 1 ? values[k + 1]! - values[k]! : z - values[k]!;
    for (const o of touched) sum[o]! += delta * trace[o]!;
  }
  const gradient = new Float64Array(n);
  for (const o of touched) gradient[o] = -sum[o]!;
  return { gradient, touched };
}

function referenceAdam(
  w: Float32Array,
  m: Float32Array,
  v: Float32Array,
  counters: { step: number; b1: number; b2: number },
  gradient: Float64Array,
  touched: Set<number>,
  p: LearningParams,
): void {
  counters.step += 1;
  counters.b1 *= p.beta1;
  counters.b2 *= p.beta2;
  for (const o of touched) {
    const g = gradient[o]!;
    m[o] = p.beta1 * m[o]! + (1 - p.beta1) * g;
    v[o] = p.beta2 * v[o]! + (1 - p.beta2) * (g * g);
    const mHat = m[o]! / (1 - counters.b1);
    const vHat = v[o]! / (1 - counters.b2);
    w[o] = w[o]! - (p.learningRate * mHat) / (Math.sqrt(vHat) + p.adamEpsilon);
  }
}

describe('TD(λ) update', () => {
  const engine = createJsEngine({ stages: 1 });
  afterAll(() => engine.dispose());

  it('computes the λ-return gradient of the dense-trace reference, and the TD error', () => {
    const weights = new Float32Array(WEIGHTS_PER_STAGE);
    fillRandom(weights, 3, 0.5);
    const learner = new TdLearner();
    const game = new GameState();
    for (const [seed, lambda] of [
      [1, 0.7],
      [2, 0],
      [3, 1],
      [4, 0.35],
    ] as const) {
      const moves = randomGame(seed);
      replayGame(game, moves, stageBaseTable(1));
      learner.prepare(game.offs, game.signs, game.recorded);
      learner.gradient(weights, game.finalScoreBlack(), lambda);
      const ref = referenceGradient(moves, weights, lambda);
      expect(learner.touchedCount).toBe(ref.touched.size);
      let worst = 0;
      for (let i = 0; i < learner.touchedCount; i++) {
        const o = learner.touched[i]!;
        expect(ref.touched.has(o)).toBe(true);
        const r = ref.gradient[o]!;
        const err = Math.abs(learner.grad[i]! - r) / Math.max(1, Math.abs(r));
        worst = Math.max(worst, err);
      }
      expect(worst, `seed ${seed} λ ${lambda}`).toBeLessThan(1e-9);
      const tdError = slowTdError(moves, weights, 1, lambda);
      expect(Math.abs(learner.meanAbsError() - tdError) / tdError).toBeLessThan(1e-9);
    }
  });

  it('applies lazy Adam exactly: same f32 weights and moments as the reference', () => {
    const state = engine.getState();
    fillRandom(state.weights, 7, 0.5);
    fillRandom(state.adamM, 8, 0.05);
    fillRandom(state.adamV, 9, 0.01, true);
    engine.setState({ ...state, step: 3, beta1Power: 0.9 ** 3, beta2Power: 0.999 ** 3, games: 3 });
    const initial = state.weights.slice();
    const w = state.weights.slice();
    const m = state.adamM.slice();
    const v = state.adamV.slice();
    const counters = { step: 3, b1: 0.9 ** 3, b2: 0.999 ** 3 };
    const params = { ...DEFAULT_LEARNING_PARAMS, learningRate: 0.01, lambda: 0.6 };
    for (let g = 0; g < 4; g++) {
      const moves = randomGame(100 + g);
      const ref = referenceGradient(moves, w, params.lambda);
      referenceAdam(w, m, v, counters, ref.gradient, ref.touched, params);
      engine.learnFromGame(moves, params);
    }
    const after = engine.getState();
    expect(after.step).toBe(7);
    expect(after.games).toBe(7);
    expect(after.beta1Power).toBe(counters.b1);
    expect(after.beta2Power).toBe(counters.b2);
    let changed = 0;
    for (let i = 0; i < w.length; i++) {
      if (
        !Object.is(after.weights[i], w[i]) ||
        after.adamM[i] !== m[i] ||
        after.adamV[i] !== v[i]
      ) {
        throw new Error(`weight ${i}: ${after.weights[i]} vs ${w[i]}`);
      }
      if (w[i] !== initial[i]) changed++;
    }
    expect(changed).toBeGreaterThan(1000);
  });

  it('resets weights that overflow and counts them', () => {
    const weights = new Float32Array(WEIGHTS_PER_STAGE).fill(3e38);
    const target = {
      weights,
      adamM: new Float32Array(WEIGHTS_PER_STAGE),
      adamV: new Float32Array(WEIGHTS_PER_STAGE),
      counters: Float64Array.of(0, 1, 1, 0),
    };
    const game = new GameState();
    replayGame(game, randomGame(4), stageBaseTable(1));
    const learner = new TdLearner();
    const resets = learner.update(
      target,
      game.offs,
      game.signs,
      game.recorded,
      game.finalScoreBlack(),
      DEFAULT_LEARNING_PARAMS,
    );
    expect(resets).toBeGreaterThan(0);
    expect(resets).toBeLessThanOrEqual(learner.touchedCount);
    let zeros = 0;
    for (let i = 0; i < learner.touchedCount; i++) {
      const o = learner.touched[i]!;
      expect(Number.isFinite(weights[o]!)).toBe(true);
      expect(Number.isFinite(target.adamM[o]!)).toBe(true);
      if (weights[o] === 0) zeros++;
    }
    expect(zeros).toBe(resets);
    expect(target.counters[0]).toBe(1);
  });
});
