import { Position, replayTranscript, WEIGHTS_PER_STAGE } from '@prismind/board';
import { createJsEngine } from '@prismind/js-core';
import { describe, expect, it } from 'vitest';
import { gameTrace, positionTrace } from './trace';
import { fullGame, smallState } from './test-support';

/** A model with small seeded random weights. */
function randomState(stages: number, seed: number) {
  const s = smallState(stages);
  let x = seed;
  for (let i = 0; i < s.weights.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s.weights[i] = ((x >>> 8) / 2 ** 24 - 0.5) * 4;
  }
  return s;
}

const GAME = fullGame();

describe('positionTrace', () => {
  it('lists the 46 features with their signed weights; the value is their sum', () => {
    const state = randomState(2, 1);
    const t = positionTrace(state, Position.initial().play(37).toCells()); // after f5
    expect(t.features).toHaveLength(46);
    expect(t.stage).toBe(0);
    const sum = t.features.reduce((a, f) => a + f.weight, 0);
    expect(t.value).toBe(sum);
    expect(t.value).not.toBe(0);
    for (const f of t.features) expect(f.weight).toBe(f.sign * state.weights[f.offset]!);
    expect(new Set(t.features.map((f) => f.sign))).toEqual(new Set([1, -1, 0]));
  });

  it('counts a weight read more than once with the signs of its reads', () => {
    // The start's empty corners read one weight as 0: an empty configuration is its own inverse.
    const start = positionTrace(smallState(2), Position.initial().toCells());
    const corners = start.features.filter((f) => f.pattern === 'corner3x3');
    expect(corners.map((f) => [f.index, f.offset, f.sign, f.increment])).toEqual(
      Array(4).fill([0, 0, 0, 0]),
    );
    let repeated = 0;
    for (const p of replayTranscript(GAME).positions) {
      const { features } = positionTrace(smallState(30), p.toCells());
      for (const f of features) {
        const reads = features.filter((g) => g.offset === f.offset);
        expect(f.increment).toBe(reads.reduce((a, g) => a + g.sign, 0));
        if (Math.abs(f.increment) >= 2) repeated++;
      }
    }
    expect(repeated).toBeGreaterThan(0);
  });
});

describe('gameTrace', () => {
  const state = randomState(30, 7);
  const lambda = 0.7;

  it('values are the engine evaluation; E_k is Σ λ^(t−k) δ_t', async () => {
    const engine = createJsEngine();
    try {
      engine.setState(state);
      const game = replayTranscript(GAME);
      const k = 20;
      const t = gameTrace(state, GAME, { at: k, lambda });
      expect(t.plies).toBe(game.positions.length);
      expect(t.finished).toBe(true);
      expect(t.finalScore).toBe(game.final.score());
      expect(t.move).toBe(game.moves[k]);
      for (let i = 0; i < t.plies; i++) {
        const p = game.positions[i]!;
        expect(t.values[i]).toBe(engine.evaluate(p.toCells(), p.player));
      }
      let e = 0;
      for (let i = k; i < t.plies; i++) e += lambda ** (i - k) * t.deltas[i]!;
      expect(t.lambdaReturnError).toBeCloseTo(e, 9);
      const f = t.features.find((g) => g.sign === -1)!;
      expect(f.contributions).toHaveLength(t.plies - k);
      expect(f.contributions[0]).toBe(-1);
      expect(f.contributions[3]).toBeCloseTo(-(lambda ** 3), 12);
      expect(f.gradient).toBeCloseTo(e, 9);
    } finally {
      await engine.dispose();
    }
  });

  it('traces add up every earlier read of the same weight, with its sign', () => {
    const k = 10;
    const t = gameTrace(state, GAME, { at: k, lambda });
    const game = replayTranscript(GAME);
    const all = game.positions.map((p) => positionTrace(state, p.toCells()).features);
    for (const f of t.features) {
      for (let j = 0; j < f.traces.length; j++) {
        const time = k + j;
        let expected = 0;
        for (let i = 0; i <= time; i++) {
          const reads = all[i]!.filter((g) => g.offset === f.offset);
          expected += lambda ** (time - i) * reads.reduce((a, g) => a + g.sign, 0);
        }
        expect(f.traces[j]).toBeCloseTo(expected, 9);
      }
    }
  });

  it('agrees with the engine: a weight read once in the game moves by lr · sign(E_k · sign)', async () => {
    const k = 30;
    const t = gameTrace(state, GAME, { at: k, lambda });
    const game = replayTranscript(GAME);
    const reads = new Map<number, number>();
    for (const p of game.positions) {
      for (const f of positionTrace(state, p.toCells()).features) {
        reads.set(f.offset, (reads.get(f.offset) ?? 0) + 1);
      }
    }
    const once = t.features.filter((f) => reads.get(f.offset) === 1 && f.sign !== 0);
    expect(once.length).toBeGreaterThan(0);
    const engine = createJsEngine();
    try {
      engine.setState(state);
      engine.learnFromGame(game.moves, { lambda, learningRate: 0.01 });
      const after = engine.getState().weights;
      for (const f of once) {
        // first Adam step: m̂ = g, v̂ = g², so Δw = −lr · g / |g| = lr · sign(E_k · sign)
        const moved = after[f.offset]! - state.weights[f.offset]!;
        expect(moved).toBeCloseTo(0.01 * Math.sign(t.lambdaReturnError!) * f.sign, 5);
        expect(f.traces).toEqual(f.contributions.map((c) => expect.closeTo(c, 12)));
      }
    } finally {
      await engine.dispose();
    }
  });

  it('an unfinished game has traces but no final error', () => {
    const t = gameTrace(state, 'f5d6c3d3c4', { at: 1 });
    expect(t.finished).toBe(false);
    expect(t.finalScore).toBeNull();
    expect(t.deltas.at(-1)).toBeNull();
    expect(t.lambdaReturnError).toBeNull();
    expect(t.features[0]!.traces).toHaveLength(4);
  });

  it('rejects a position outside the game and a bad lambda', () => {
    expect(() => gameTrace(state, 'f5d6', { at: 2 })).toThrow(/0\.\.1/);
    expect(() => gameTrace(state, 'f5d6', { at: 0, lambda: 2 })).toThrow(/lambda/);
  });

  it('uses the layout of docs/engine-spec.md', () => {
    const t = positionTrace(state, Position.initial().toCells());
    const f = t.features[45]!;
    expect(f.offset).toBe(0 * WEIGHTS_PER_STAGE + 167184 + f.index);
  });
});
