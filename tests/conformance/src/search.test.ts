import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackendPair, createBackends, disposeBackends } from './support';
import { randomPositionsAll } from '@prismind/test-support';
import { randomPositions, randomState, sample } from '@prismind/test-support';

describe('search agrees across backends', () => {
  let pair: BackendPair;
  const all = randomPositions(30, 23);
  const midgame = sample(
    all.filter((p) => p.discs() >= 8 && p.discs() <= 50),
    24,
  );
  const endgame = sample(
    all.filter((p) => 64 - p.discs() >= 8 && 64 - p.discs() <= 11),
    12,
  );

  beforeAll(() => {
    pair = createBackends();
    const state = randomState(pair.js.getState(), 5);
    pair.js.setState(state);
    pair.native.setState(state);
  });
  afterAll(() => disposeBackends(pair));

  for (const depth of [1, 2, 3, 4]) {
    it(`finds the same best move and score at depth ${depth}`, async () => {
      for (const position of midgame) {
        const cells = position.toCells();
        const js = await pair.js.search(cells, position.player, { depth });
        const native = await pair.native.search(cells, position.player, { depth });
        const where = `${position.toObf()} depth ${depth}`;
        expect(native.score, where).toBe(js.score);
        expect(native.move, where).toBe(js.move);
        expect(native.depth, where).toBe(depth);
        expect(js.depth, where).toBe(depth);
      }
    });
  }

  it('solves endgames exactly to the same score and move', async () => {
    expect(endgame.length).toBeGreaterThanOrEqual(8);
    for (const position of endgame) {
      const cells = position.toCells();
      const limits = { depth: 60, exactEmpties: 60 };
      const js = await pair.js.search(cells, position.player, limits);
      const native = await pair.native.search(cells, position.player, limits);
      const where = position.toObf();
      expect(js.exact, where).toBe(true);
      expect(native.exact, where).toBe(true);
      expect(Number.isInteger(js.score), where).toBe(true);
      expect(native.score, where).toBe(js.score);
      expect(native.move, where).toBe(js.move);
    }
  });
});

describe('zero scores are reported as +0 by both backends', () => {
  let pair: BackendPair;
  // With fresh models (all weights 0) every evaluation is 0, and the positions where the side to
  // move must pass or the game is over go through a negation: where a −0 would show.
  const positions = randomPositionsAll(200, 41).filter((p) => p.isGameOver() || p.mustPass());

  beforeAll(() => {
    pair = createBackends();
  });
  afterAll(() => disposeBackends(pair));

  it('at passes and finished games, at fixed depth and exactly', async () => {
    expect(positions.length).toBeGreaterThanOrEqual(50);
    let zeros = 0;
    for (const position of positions) {
      const cells = position.toCells();
      const exact = 64 - position.discs() <= 12;
      for (const limits of [
        { depth: 1 },
        { depth: 2 },
        ...(exact ? [{ depth: 60, exactEmpties: 60 }] : []),
      ]) {
        const js = await pair.js.search(cells, position.player, limits);
        const native = await pair.native.search(cells, position.player, limits);
        const where = `${position.toObf()} ${JSON.stringify(limits)}`;
        if (js.score === 0) {
          zeros++;
          expect(Object.is(js.score, 0), `js ${where}`).toBe(true);
          expect(Object.is(native.score, 0), `native ${where}`).toBe(true);
        }
        expect(native.score, where).toBe(js.score);
        expect(native.move, where).toBe(js.move);
      }
    }
    expect(zeros).toBeGreaterThan(20);
  });
});
