import { Position } from '@prismind/board';
import { randomPositions, randomState } from '@prismind/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsEngine, type JsEngine } from './engine';

/** Searches run on the engine's search worker (search-worker.ts); these are the promises of that. */
describe('JsEngine searches on a worker thread', () => {
  let engine: JsEngine;
  const position = randomPositions(20, 5).find(
    (p) => p.discs() >= 20 && p.legalMoves().length > 3,
  )!;
  const cells = position.toCells();

  beforeAll(async () => {
    engine = createJsEngine();
    engine.setState(randomState(engine.getState(), 3));
    await engine.search(cells, position.player, { depth: 1 });
  });
  afterAll(() => engine.dispose());

  it('leaves the main thread free: timers run during a deep search, and its signal stops it', async () => {
    const controller = new AbortController();
    const search = engine.search(
      cells,
      position.player,
      { depth: 20 },
      { signal: controller.signal },
    );
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await new Promise((wake) => setTimeout(wake, 200));
    clearInterval(timer);
    // a search on this thread would leave none (a loaded machine may delay a few)
    expect(ticks).toBeGreaterThan(2);
    const stoppedAt = performance.now();
    controller.abort();
    const r = await search;
    expect(performance.now() - stoppedAt).toBeLessThan(100);
    expect(position.legalMoves()).toContain(r.move);
    expect(r.depth).toBeGreaterThanOrEqual(1);
  });

  it('finishes a search in flight with the weights it started with when the model changes', async () => {
    const before = await engine.search(cells, position.player, { depth: 5 });
    const pending = engine.search(cells, position.player, { depth: 5 });
    const state = engine.getState();
    engine.setState(randomState(state, 77));
    const during = await pending;
    expect({ ...during, timeMs: 0 }).toEqual({ ...before, timeMs: 0 });
    engine.setState(randomState(state, 3));
  });

  it('runs concurrent searches in call order, each with its own stop', async () => {
    const controller = new AbortController();
    const deep = engine.search(
      cells,
      position.player,
      { depth: 20 },
      { signal: controller.signal },
    );
    const shallow = engine.search(cells, position.player, { depth: 2 });
    setTimeout(() => controller.abort(), 100);
    const [stopped, full] = await Promise.all([deep, shallow]);
    expect(stopped.depth).toBeLessThan(20);
    expect(full.depth).toBe(2);
  });

  it('stops searches in flight on dispose', async () => {
    const other = createJsEngine();
    const p = Position.initial();
    await other.search(p.toCells(), p.player, { depth: 1 });
    const search = other.search(cells, position.player, { depth: 20 });
    await new Promise((wake) => setTimeout(wake, 100));
    const disposedAt = performance.now();
    await other.dispose();
    const r = await search;
    expect(performance.now() - disposedAt).toBeLessThan(500);
    expect(position.legalMoves()).toContain(r.move);
  });
});
