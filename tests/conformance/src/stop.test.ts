import type { Engine, SearchLimits, SearchResult } from '@prismind/board/contracts';
import type { Position } from '@prismind/board';
import { randomPositions, randomState, sample } from '@prismind/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackendPair, createBackends, disposeBackends } from './support';

/** Start a search, abort it after `afterMs`; the result and how long it took to settle after the abort. */
async function stopAfter(
  engine: Engine,
  position: Position,
  limits: SearchLimits,
  afterMs: number,
): Promise<{ result: SearchResult; latencyMs: number }> {
  const controller = new AbortController();
  const search = engine.search(position.toCells(), position.player, limits, {
    signal: controller.signal,
  });
  await new Promise((wake) => setTimeout(wake, afterMs));
  const abortedAt = performance.now();
  controller.abort();
  const result = await search;
  return { result, latencyMs: performance.now() - abortedAt };
}

function aborted(): AbortSignal {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
}

describe('stopping a search (docs/engine-spec.md, "Stopping a search")', () => {
  let pair: BackendPair;
  const all = randomPositions(40, 31);
  const midgame = sample(
    all.filter((p) => p.discs() >= 16 && p.discs() <= 36 && p.legalMoves().length > 1),
    6,
  );
  const endgame = all.filter((p) => 64 - p.discs() === 20 && p.legalMoves().length > 1)[0]!;
  const backends = (): [string, Engine][] => [
    ['js', pair.js],
    ['native', pair.native],
  ];

  beforeAll(async () => {
    pair = createBackends();
    const state = randomState(pair.js.getState(), 9);
    pair.js.setState(state);
    pair.native.setState(state);
    // The JS engine starts its search worker on the first search: not part of what is measured.
    await pair.js.search(midgame[0]!.toCells(), midgame[0]!.player, { depth: 1 });
  });
  afterAll(() => disposeBackends(pair));

  it('settles a deep search within 100 ms of the stop, with a legal move, in both backends', async () => {
    for (const [name, engine] of backends()) {
      for (const position of midgame.slice(0, 3)) {
        const { result, latencyMs } = await stopAfter(engine, position, { depth: 20 }, 150);
        const where = `${name} ${position.toObf()}`;
        expect(latencyMs, where).toBeLessThan(100);
        expect(position.legalMoves(), where).toContain(result.move);
        expect(result.depth, where).toBeGreaterThanOrEqual(1);
        expect(result.depth, where).toBeLessThan(20);
        expect(result.exact, where).toBe(false);
      }
    }
  });

  it('gives the same depth-1 result for an already-aborted signal in both backends', async () => {
    for (const position of midgame) {
      const cells = position.toCells();
      const options = { signal: aborted() };
      const js = await pair.js.search(cells, position.player, { depth: 12 }, options);
      const native = await pair.native.search(cells, position.player, { depth: 12 }, options);
      const depth1 = await pair.native.search(cells, position.player, { depth: 1 });
      const where = position.toObf();
      expect(js.depth, where).toBe(1);
      expect(native.depth, where).toBe(1);
      expect(native.move, where).toBe(js.move);
      expect(native.score, where).toBe(js.score);
      expect(native.move, where).toBe(depth1.move);
      expect(native.score, where).toBe(depth1.score);
    }
  });

  it('falls back to the depth-1 result when a stop interrupts an exact solve, alike in both', async () => {
    const limits = { depth: 60, exactEmpties: 60 };
    const depth1 = await pair.native.search(endgame.toCells(), endgame.player, { depth: 1 });
    for (const [name, engine] of backends()) {
      const { result, latencyMs } = await stopAfter(engine, endgame, limits, 100);
      expect(latencyMs, name).toBeLessThan(100);
      expect(result.exact, name).toBe(false);
      expect(result.depth, name).toBe(1);
      expect(result.move, name).toBe(depth1.move);
      expect(result.score, name).toBe(depth1.score);
    }
  });

  it('leaves a search whose signal is never aborted unchanged', async () => {
    for (const position of midgame) {
      const cells = position.toCells();
      const signal = new AbortController().signal;
      for (const engine of [pair.js, pair.native]) {
        const plain = await engine.search(cells, position.player, { depth: 4 });
        const watched = await engine.search(cells, position.player, { depth: 4 }, { signal });
        expect({ ...watched, timeMs: 0 }).toEqual({ ...plain, timeMs: 0 });
      }
      const js = await pair.js.search(cells, position.player, { depth: 4 }, { signal });
      const native = await pair.native.search(cells, position.player, { depth: 4 }, { signal });
      expect(native.move).toBe(js.move);
      expect(native.score).toBe(js.score);
    }
  });
});
