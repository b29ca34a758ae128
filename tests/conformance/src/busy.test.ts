import { type Engine, isPrismindError } from '@prismind/board/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackendPair, createBackends, disposeBackends } from './support';
import { randomGame } from '@prismind/test-support';

const START = Array.from({ length: 64 }, (_, s) =>
  s === 27 || s === 36 ? 2 : s === 28 || s === 35 ? 1 : 0,
);

async function outcome(action: () => unknown): Promise<string> {
  try {
    await action();
    return 'ok';
  } catch (error) {
    return isPrismindError(error) ? error.code : `not a PrismindError: ${String(error)}`;
  }
}

/** What each call gives while a long batch runs on `engine`. */
async function callsDuringBatch(engine: Engine): Promise<Record<string, string>> {
  const batch = engine.train({ games: 1_000_000, seed: 1 });
  const state = engine.getState.bind(engine);
  const codes: Record<string, string> = {
    evaluate: await outcome(() => engine.evaluate(START, 1)),
    featureIndices: await outcome(() => engine.featureIndices(START)),
    getWeight: await outcome(() => engine.getWeight(0, 0, 0)),
    search: await outcome(() => engine.search(START, 1, { depth: 2 })),
    getState: await outcome(state),
    learnFromGame: await outcome(() => engine.learnFromGame(randomGame(1))),
    train: await outcome(() => engine.train({ games: 1 })),
  };
  engine.requestStop();
  const result = await batch;
  codes.stopped = String(result.stopped);
  return codes;
}

describe('calls during a training batch', () => {
  let pair: BackendPair;

  beforeAll(() => {
    pair = createBackends();
  });
  afterAll(() => disposeBackends(pair));

  it('are answered the same way by both backends', async () => {
    const js = await callsDuringBatch(pair.js);
    const native = await callsDuringBatch(pair.native);
    expect(native).toEqual(js);
    expect(js.train).toBe('TRAINING_BUSY');
    expect(js.learnFromGame).toBe('TRAINING_BUSY');
    expect(js.stopped).toBe('true');
  });
});
