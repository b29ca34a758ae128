import { isPrismindError } from '@prismind/board/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeBinding } from '../src/binding';
import { callNative, fromNative } from '../src/errors';
import { createNativeEngine } from '../src/index';
import {
  asyncCodeOf,
  codeOf,
  firstDifference,
  randomGame,
  startCells,
} from '@prismind/test-support';

describe('bad input is a PrismindError with the TS engine codes', () => {
  const engine = createNativeEngine({ stages: 2 });
  afterAll(() => engine.dispose());

  it('rejects bad boards and players', async () => {
    const bad: unknown[] = [
      startCells().slice(0, 63),
      [...startCells(), 0],
      Object.assign(startCells(), { 3: 3 }),
      Object.assign(startCells(), { 3: Number.NaN }),
      Object.assign(startCells(), { 3: 0.5 }),
      new Array(64).fill(0),
      'black',
      null,
    ];
    for (const cells of bad) {
      expect(codeOf(() => engine.evaluate(cells as number[], 1))).toBe('INVALID_BOARD');
      expect(codeOf(() => engine.featureIndices(cells as number[]))).toBe('INVALID_BOARD');
      expect(await asyncCodeOf(() => engine.search(cells as number[], 1, { depth: 1 }))).toBe(
        'INVALID_BOARD',
      );
    }
    for (const player of [0, 3, 257, Number.NaN, 1.5, '1', undefined]) {
      expect(codeOf(() => engine.evaluate(startCells(), player as 1))).toBe('INVALID_PLAYER');
    }
  });

  it('rejects bad limits, listing every problem', async () => {
    for (const limits of [
      {},
      { depth: 0 },
      { depth: 1.5 },
      { timeMs: -1 },
      { nodes: Number.NaN },
    ]) {
      expect(await asyncCodeOf(() => engine.search(startCells(), 1, limits))).toBe(
        'INVALID_LIMITS',
      );
    }
    await expect(
      engine.search(startCells(), 1, { depth: 0, exactEmpties: -1 }),
    ).rejects.toThrowError(/depth.*exactEmpties/);
  });

  it('rejects bad weights addresses with INVALID_PATTERN', () => {
    for (const [shape, stage, index] of [
      [11, 0, 0],
      [0, 2, 0],
      [0, 0, 19683],
      [-1, 0, 0],
      [0.5, 0, 0],
    ]) {
      expect(codeOf(() => engine.getWeight(shape!, stage!, index!))).toBe('INVALID_PATTERN');
    }
  });

  it('rejects bad recorded games in order and leaves the model unchanged', () => {
    const game = randomGame(5);
    const cases: [unknown, string, RegExp?][] = [
      [[64], 'INVALID_SQUARE'],
      [[19, -2], 'INVALID_SQUARE', /move 1 is -2/],
      [[19, 1.5], 'INVALID_SQUARE', /move 1 is 1\.5/],
      [[19, Number.NaN], 'INVALID_SQUARE', /move 1 is NaN/],
      [[0, 1.5], 'ILLEGAL_MOVE'],
      [game.slice(0, 20), 'ILLEGAL_MOVE', /not over/],
      [[...game, 0], 'ILLEGAL_MOVE', /after the game ended/],
      ['f5d6', 'INVALID_SQUARE'],
    ];
    for (const [moves, code, message] of cases) {
      let thrown: unknown;
      try {
        engine.learnFromGame(moves as number[]);
      } catch (error) {
        thrown = error;
      }
      expect(isPrismindError(thrown, code as 'ILLEGAL_MOVE'), String(moves)).toBe(true);
      if (message) expect((thrown as Error).message).toMatch(message);
      expect(engine.getState().step).toBe(0);
    }
    expect(codeOf(() => engine.learnFromGame(game, { lambda: 2 }))).toBe('INVALID_OPTIONS');
  });

  it('rejects bad states with INVALID_STATE and keeps the model', () => {
    const state = engine.getState();
    const bad: unknown[] = [
      null,
      { ...state, patternSet: 'other' },
      { ...state, weights: state.weights.subarray(0, 10) },
      { ...state, adamM: Array.from(state.adamM) },
      { ...state, step: -1 },
      { ...state, beta1Power: 2 },
      { ...state, weights: Object.assign(state.weights.slice(), { 7: Number.NaN }) },
      { ...state, adamV: Object.assign(state.adamV.slice(), { 7: -1 }) },
    ];
    for (const s of bad) {
      expect(codeOf(() => engine.setState(s as typeof state))).toBe('INVALID_STATE');
    }
    expect(firstDifference(engine.getState().weights, state.weights)).toBe(-1);
  });

  it('rejects bad training options, listing every problem', async () => {
    expect(await asyncCodeOf(() => engine.train({ games: 0 }))).toBe('INVALID_OPTIONS');
    await expect(engine.train({ games: 1, epsilon: 2, threads: 0 })).rejects.toThrowError(
      /epsilon.*threads|threads.*epsilon/,
    );
  });

  it('rejects bad construction options', () => {
    expect(codeOf(() => createNativeEngine({ stages: 0 }))).toBe('INVALID_OPTIONS');
    expect(codeOf(() => createNativeEngine({ ttBytes: 1.5 }))).toBe('INVALID_OPTIONS');
    expect(codeOf(() => createNativeEngine({ ttBytes: 2 ** 31 }))).toBe('INVALID_OPTIONS');
  });
});

describe('errors from the binding', () => {
  it('maps coded messages to PrismindError with the native error as cause', () => {
    const native = new Error('ILLEGAL_MOVE: move 0 (a1) is illegal');
    const error = fromNative(native, 'learnFromGame');
    expect(error.code).toBe('ILLEGAL_MOVE');
    expect(error.message).toBe('move 0 (a1) is illegal');
    expect(error.cause).toBe(native);
  });

  it('makes anything else an ENGINE_FAILURE naming the operation', () => {
    expect(fromNative(new Error('Failed to convert napi value'), 'evaluate')).toMatchObject({
      code: 'ENGINE_FAILURE',
      message: 'native evaluate failed: Failed to convert napi value',
    });
    expect(fromNative(new Error('NOT_A_CODE: x'), 'search').code).toBe('ENGINE_FAILURE');
    expect(fromNative('a string', 'train').code).toBe('ENGINE_FAILURE');
  });

  it('turns a Rust panic on the JS thread into ENGINE_FAILURE, and Node lives on', () => {
    const binding = nativeBinding();
    let thrown: unknown;
    try {
      callNative('panicForTesting', () => binding.panicForTesting());
    } catch (error) {
      thrown = error;
    }
    expect(isPrismindError(thrown, 'ENGINE_FAILURE')).toBe(true);
    expect((thrown as Error).message).toMatch(/panicked in panicForTesting: deliberate panic/);
  });

  it('turns a Rust panic on the thread pool into a rejected promise', async () => {
    const error = await nativeBinding()
      .panicForTestingAsync()
      .then(
        () => undefined,
        (e: unknown) => fromNative(e, 'panicForTestingAsync'),
      );
    expect(error?.code).toBe('ENGINE_FAILURE');
    const engine = createNativeEngine({ stages: 1 });
    expect(engine.evaluate(startCells(), 1)).toBe(0);
    await engine.dispose();
  });

  it('rejects a raw-binding call that bypasses the wrapper with a coded error', () => {
    const raw = new (nativeBinding().NativeEngine)(1, 1024);
    const cells = Uint8Array.from(startCells());
    expect(() => raw.evaluate(cells, 3)).toThrowError(/^INVALID_PLAYER: player is 3/);
    expect(() => raw.searchSync(cells, 1, { depth: 1.5 })).toThrowError(/^INVALID_LIMITS: /);
    expect(() =>
      raw.train(
        {
          games: 1,
          threads: 0,
          seed: 1,
          epsilon: 0.1,
          search: { depth: 1, exactEmpties: 0 },
          learning: {
            lambda: 0.7,
            learningRate: 0.01,
            beta1: 0.9,
            beta2: 0.999,
            adamEpsilon: 1e-8,
          },
          progressEveryGames: 0,
          recordEvery: 0,
        },
        null,
      ),
    ).toThrowError(/^INVALID_OPTIONS: threads is 0/);
    raw.dispose();
    expect(() => raw.evaluate(cells, 1)).toThrowError(/^ENGINE_DISPOSED: /);
  });
});
