import { isPrismindError, type Engine } from '@prismind/board/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackendPair, createBackends, disposeBackends } from './support';
import { randomGame } from '@prismind/test-support';

const start = (): number[] => {
  const cells = new Array<number>(64).fill(0);
  cells[27] = 2;
  cells[36] = 2;
  cells[28] = 1;
  cells[35] = 1;
  return cells;
};

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isPrismindError(error)) return error.code;
    return `not a PrismindError: ${String(error)}`;
  }
  return 'no error';
}

async function asyncCodeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    if (isPrismindError(error)) return error.code;
    return `not a PrismindError: ${String(error)}`;
  }
  return 'no error';
}

const badBoards: [string, unknown, string][] = [
  ['63 cells', start().slice(0, 63), 'INVALID_BOARD'],
  ['65 cells', [...start(), 0], 'INVALID_BOARD'],
  ['a 3', Object.assign(start(), { 0: 3 }), 'INVALID_BOARD'],
  ['a -1', Object.assign(start(), { 5: -1 }), 'INVALID_BOARD'],
  ['a NaN', Object.assign(start(), { 9: Number.NaN }), 'INVALID_BOARD'],
  ['a 1.5', Object.assign(start(), { 9: 1.5 }), 'INVALID_BOARD'],
  ['fewer than 4 discs', new Array(64).fill(0), 'INVALID_BOARD'],
  ['not an array', 'black', 'INVALID_BOARD'],
];
const badPlayers: unknown[] = [0, 3, Number.NaN, 1.5, '1', undefined];

describe('bad input is rejected the same way by both backends', () => {
  let pair: BackendPair;
  let engines: [string, Engine][];

  beforeAll(() => {
    pair = createBackends();
    engines = [
      ['js', pair.js],
      ['native', pair.native],
    ];
  });
  afterAll(() => disposeBackends(pair));

  it('rejects bad boards in evaluate, featureIndices and search', async () => {
    for (const [label, cells, code] of badBoards) {
      for (const [name, engine] of engines) {
        const where = `${name}: ${label}`;
        expect(
          codeOf(() => engine.evaluate(cells as number[], 1)),
          where,
        ).toBe(code);
        expect(
          codeOf(() => engine.featureIndices(cells as number[])),
          where,
        ).toBe(code);
        expect(
          await asyncCodeOf(() => engine.search(cells as number[], 1, { depth: 1 })),
          where,
        ).toBe(code);
      }
    }
  });

  it('rejects bad players', () => {
    for (const player of badPlayers) {
      for (const [name, engine] of engines) {
        expect(
          codeOf(() => engine.evaluate(start(), player as 1)),
          `${name}: ${String(player)}`,
        ).toBe('INVALID_PLAYER');
      }
    }
  });

  it('rejects bad search limits', async () => {
    for (const limits of [
      {},
      { depth: 0 },
      { depth: 1.5 },
      { timeMs: -1 },
      { nodes: Number.NaN },
    ]) {
      for (const [name, engine] of engines) {
        expect(
          await asyncCodeOf(() => engine.search(start(), 1, limits)),
          `${name}: ${JSON.stringify(limits)}`,
        ).toBe('INVALID_LIMITS');
      }
    }
  });

  it('rejects bad recorded games and leaves the model unchanged', () => {
    const game = randomGame(5);
    const cases: [string, number[], string][] = [
      ['square 64', [64], 'INVALID_SQUARE'],
      ['square -2', [19, -2], 'INVALID_SQUARE'],
      ['illegal first move', [0], 'ILLEGAL_MOVE'],
      ['unfinished game', game.slice(0, 20), 'ILLEGAL_MOVE'],
      ['move after the end', [...game, 0], 'ILLEGAL_MOVE'],
    ];
    for (const [label, moves, code] of cases) {
      for (const [name, engine] of engines) {
        const before = engine.getState().step;
        expect(
          codeOf(() => engine.learnFromGame(moves)),
          `${name}: ${label}`,
        ).toBe(code);
        expect(engine.getState().step).toBe(before);
      }
    }
  });

  it('rejects model states of the wrong shape', () => {
    for (const [name, engine] of engines) {
      const state = engine.getState();
      const short = { ...state, weights: state.weights.subarray(0, 10) };
      expect(
        codeOf(() => engine.setState(short)),
        name,
      ).toBe('INVALID_STATE');
      expect(
        codeOf(() => engine.setState({ ...state, patternSet: 'other' as 'prismind-v3' })),
        name,
      ).toBe('INVALID_STATE');
    }
  });

  it('rejects bad training options', async () => {
    for (const [name, engine] of engines) {
      expect(await asyncCodeOf(() => engine.train({ games: 0 })), name).toBe('INVALID_OPTIONS');
      expect(await asyncCodeOf(() => engine.train({ games: 1, epsilon: 2 })), name).toBe(
        'INVALID_OPTIONS',
      );
    }
  });
});
