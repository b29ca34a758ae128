import { featureIndices, Position, WEIGHTS_PER_STAGE } from '@prismind/board';
import { isPrismindError, type ModelState } from '@prismind/board/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsEngine } from './engine';
import { fillRandom, firstDifference, randomGame, randomPositions } from '@prismind/test-support';

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return isPrismindError(error) ? error.code : `not a PrismindError: ${String(error)}`;
  }
  return 'no error';
}

async function asyncCodeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    return isPrismindError(error) ? error.code : `not a PrismindError: ${String(error)}`;
  }
  return 'no error';
}

const start = (): number[] => Array.from(Position.initial().toCells());

describe('JsEngine contract', () => {
  const engine = createJsEngine();
  afterAll(() => engine.dispose());

  it('describes its model', () => {
    expect(engine.backend).toBe('js');
    expect(engine.shape).toEqual({
      patternSet: 'prismind-v3',
      stages: 30,
      weightsPerStage: 167_265,
      totalWeights: 5_017_950,
      featureCount: 46,
    });
    const s = engine.getState();
    expect(s).toMatchObject({ step: 0, beta1Power: 1, beta2Power: 1, games: 0, stages: 30 });
    expect(s.weights.length).toBe(5_017_950);
    expect(s.weights.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('rejects bad boards and players with board codes', async () => {
    const bad: unknown[] = [
      start().slice(0, 63),
      [...start(), 0],
      Object.assign(start(), { 0: 3 }),
      Object.assign(start(), { 5: -1 }),
      Object.assign(start(), { 9: Number.NaN }),
      Object.assign(start(), { 9: 1.5 }),
      Object.assign(start(), { 9: '1' }),
      new Array(64).fill(0),
      'black',
      null,
      new Float32Array(64),
    ];
    for (const cells of bad) {
      expect(codeOf(() => engine.evaluate(cells as number[], 1))).toBe('INVALID_BOARD');
      expect(codeOf(() => engine.featureIndices(cells as number[]))).toBe('INVALID_BOARD');
      expect(await asyncCodeOf(() => engine.search(cells as number[], 1, { depth: 1 }))).toBe(
        'INVALID_BOARD',
      );
    }
    for (const player of [0, 3, Number.NaN, 1.5, '1', undefined, null]) {
      expect(codeOf(() => engine.evaluate(start(), player as 1))).toBe('INVALID_PLAYER');
      expect(await asyncCodeOf(() => engine.search(start(), player as 1, { depth: 1 }))).toBe(
        'INVALID_PLAYER',
      );
    }
  });

  it('accepts number[], Int8Array and Uint8Array alike', () => {
    fillRandom(engine.getState().weights, 1, 1);
    for (const p of randomPositions(3, 4).slice(0, 50)) {
      const cells = p.toCells();
      const v = engine.evaluate(cells, p.player);
      expect(engine.evaluate(Array.from(cells), p.player)).toBe(v);
      expect(engine.evaluate(Int8Array.from(cells), p.player)).toBe(v);
      // The side to move is validated, not used.
      expect(engine.evaluate(cells, p.opponent)).toBe(v);
      expect(Array.from(engine.featureIndices(cells))).toEqual(Array.from(featureIndices(p)));
    }
    engine.getState().weights.fill(0);
  });

  it('rejects bad search limits', async () => {
    for (const limits of [
      {},
      { depth: 0 },
      { depth: 61 },
      { depth: 1.5 },
      { timeMs: -1 },
      { nodes: Number.NaN },
      { depth: 1, exactEmpties: -1 },
      { depth: 1, extra: 1 },
    ]) {
      const code = await asyncCodeOf(() => engine.search(start(), 1, limits));
      expect(code, JSON.stringify(limits)).toBe('INVALID_LIMITS');
    }
  });

  it('reads weights by (shape, stage, index) and rejects bad addresses', () => {
    const w = engine.getState().weights;
    // shape 1 (corner2x5), stage 29: index 29,524 is all black, the canonical configuration of
    // the last index, 59,048 (all white, its colour inverse), which reads it negated.
    w[29 * WEIGHTS_PER_STAGE + 19_683 + 29_524] = 2.5;
    expect(engine.getWeight(1, 29, 29_524)).toBe(2.5);
    expect(engine.getWeight(1, 29, 59_048)).toBe(-2.5);
    w[29 * WEIGHTS_PER_STAGE + 19_683 + 29_524] = 0;
    for (const [shape, stage, index] of [
      [11, 0, 0],
      [-1, 0, 0],
      [0, 30, 0],
      [0, 0, 19_683],
      [10, 0, 81],
      [0.5, 0, 0],
    ]) {
      expect(codeOf(() => engine.getWeight(shape!, stage!, index!))).toBe('INVALID_PATTERN');
    }
  });

  it('validates states and changes nothing on error', () => {
    const state = engine.getState();
    const copy = (s: ModelState): ModelState => ({
      ...s,
      weights: s.weights.slice(),
      adamM: s.adamM.slice(),
      adamV: s.adamV.slice(),
    });
    const good = copy(state);
    const bad: [string, ModelState][] = [
      ['pattern set', { ...good, patternSet: 'other' as 'prismind-v3' }],
      ['stages 0', { ...good, stages: 0 }],
      ['stages 62', { ...good, stages: 62 }],
      ['short weights', { ...good, weights: good.weights.subarray(0, 10) }],
      ['wrong stage count', { ...good, stages: 29 }],
      ['Float64Array', { ...good, adamM: new Float64Array(good.adamM.length) as never }],
      ['NaN weight', { ...good, weights: Object.assign(good.weights.slice(), { 7: Number.NaN }) }],
      ['Infinity in m', { ...good, adamM: Object.assign(good.adamM.slice(), { 7: Infinity }) }],
      ['negative v', { ...good, adamV: Object.assign(good.adamV.slice(), { 7: -1 }) }],
      ['step -1', { ...good, step: -1 }],
      ['step 1.5', { ...good, step: 1.5 }],
      ['beta1Power 2', { ...good, beta1Power: 2 }],
      ['games NaN', { ...good, games: Number.NaN }],
    ];
    engine.getState().weights[3] = 1.25;
    for (const [label, s] of bad) {
      expect(
        codeOf(() => engine.setState(s)),
        label,
      ).toBe('INVALID_STATE');
    }
    expect(codeOf(() => engine.setState(null as never))).toBe('INVALID_STATE');
    expect(engine.getState().weights[3]).toBe(1.25);
    expect(engine.shape.stages).toBe(30);
    engine.getState().weights[3] = 0;
  });

  it('loads states, also of another stage count', () => {
    const other = createJsEngine({ stages: 4 });
    const s = other.getState();
    fillRandom(s.weights, 2, 1);
    fillRandom(s.adamV, 3, 1, true);
    const loaded = { ...s, step: 12, beta1Power: 0.5, beta2Power: 0.75, games: 99 };
    const target = createJsEngine();
    target.setState(loaded);
    expect(target.shape.stages).toBe(4);
    const back = target.getState();
    expect(back.weights === s.weights).toBe(false);
    expect(firstDifference(back.weights, s.weights)).toBe(-1);
    expect(firstDifference(back.adamV, s.adamV)).toBe(-1);
    expect(back).toMatchObject({ step: 12, beta1Power: 0.5, beta2Power: 0.75, games: 99 });
    for (const p of randomPositions(2, 6)) {
      expect(target.evaluate(p.toCells(), p.player)).toBe(other.evaluate(p.toCells(), p.player));
    }
    // Loading its own views back is a no-op.
    target.setState(target.getState());
    expect(firstDifference(target.getState().weights, s.weights)).toBe(-1);
    return Promise.all([other.dispose(), target.dispose()]);
  });

  it('rejects bad recorded games and leaves the model unchanged', () => {
    const game = randomGame(5);
    const before = engine.getState();
    const weights = before.weights.slice();
    const cases: [string, unknown, string][] = [
      ['square 64', [64], 'INVALID_SQUARE'],
      ['square -2', [19, -2], 'INVALID_SQUARE'],
      ['square 1.5', [1.5], 'INVALID_SQUARE'],
      ['a string', ['d3'], 'INVALID_SQUARE'],
      ['not an array', 'd3', 'INVALID_SQUARE'],
      ['illegal first move', [0], 'ILLEGAL_MOVE'],
      ['empty game', [], 'ILLEGAL_MOVE'],
      ['unfinished game', game.slice(0, 20), 'ILLEGAL_MOVE'],
      ['one move short', game.slice(0, -1), 'ILLEGAL_MOVE'],
      ['move after the end', [...game, 0], 'ILLEGAL_MOVE'],
      ['bad square after the end', [...game, 99], 'ILLEGAL_MOVE'],
    ];
    for (const [label, moves, code] of cases) {
      expect(
        codeOf(() => engine.learnFromGame(moves as number[])),
        label,
      ).toBe(code);
    }
    expect(codeOf(() => engine.learnFromGame(game, { lambda: 2 }))).toBe('INVALID_OPTIONS');
    expect(codeOf(() => engine.learnFromGame(game, { bogus: 1 } as never))).toBe('INVALID_OPTIONS');
    const after = engine.getState();
    expect(after).toMatchObject({ step: before.step, games: before.games });
    expect(firstDifference(after.weights, weights)).toBe(-1);
    engine.learnFromGame(game);
    expect(engine.getState()).toMatchObject({ step: before.step + 1, games: before.games + 1 });
  });

  it('rejects bad training options, listing the problems', async () => {
    for (const options of [
      { games: 0 },
      { games: 1, epsilon: 2 },
      { games: 1, threads: 0 },
      { games: 1, search: { depth: 0 } },
      { games: 1, learning: { beta1: 1 } },
      { games: 1, unknown: true },
      { games: 1.5 },
    ]) {
      const code = await asyncCodeOf(() => engine.train(options as never));
      expect(code, JSON.stringify(options)).toBe('INVALID_OPTIONS');
    }
    const error = await engine.train({ games: -1, epsilon: 5 }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/games.*epsilon|epsilon.*games/s);
  });

  it('refuses everything once disposed', async () => {
    const e = createJsEngine({ stages: 1 });
    await e.dispose();
    await e.dispose();
    expect(codeOf(() => e.evaluate(start(), 1))).toBe('ENGINE_DISPOSED');
    expect(await asyncCodeOf(() => e.search(start(), 1, { depth: 1 }))).toBe('ENGINE_DISPOSED');
    expect(await asyncCodeOf(() => e.train({ games: 1 }))).toBe('ENGINE_DISPOSED');
    expect(codeOf(() => e.getState())).toBe('ENGINE_DISPOSED');
  });

  it('rejects bad engine options', () => {
    expect(codeOf(() => createJsEngine({ stages: 0 }))).toBe('INVALID_OPTIONS');
    expect(codeOf(() => createJsEngine({ stages: 62 }))).toBe('INVALID_OPTIONS');
    expect(codeOf(() => createJsEngine({ ttBytes: -5 }))).toBe('INVALID_OPTIONS');
    expect(codeOf(() => createJsEngine({ ttBytes: 2 ** 30 + 1 }))).toBe('INVALID_OPTIONS');
  });
});
