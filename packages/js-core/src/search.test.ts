import { Position } from '@prismind/board';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsEngine } from './engine';
import {
  fillRandom,
  randomPositions,
  randomPositionsAll,
  testRandom,
} from '@prismind/test-support';
import { minimax, referenceSearch, slowEvaluate } from './test-reference';

/** Equal as numbers (a zero's sign is not part of a value). */
const same = (a: number, b: number): boolean => a === b;

describe('search vs plain minimax', () => {
  const engine = createJsEngine();
  const tiny = createJsEngine({ ttBytes: 64 });
  const weights = engine.getState().weights;
  fillRandom(weights, 5, 2);
  tiny.setState(engine.getState());
  afterAll(async () => {
    await engine.dispose();
    await tiny.dispose();
  });
  const all = randomPositions(40, 9);
  const pick = (n: number, filter: (p: Position) => boolean, seed: number): Position[] => {
    const r = testRandom(seed);
    const pool = all.filter(filter);
    return Array.from({ length: n }, () => pool[Math.floor(r() * pool.length)]!);
  };

  for (const depth of [1, 2, 3]) {
    it(`finds the minimax value and the spec's best move at depth ${depth}`, async () => {
      const positions = pick(depth === 3 ? 40 : 80, () => true, depth);
      for (const p of positions) {
        const [move, value] = referenceSearch(p, depth, weights, 30);
        for (const e of [engine, tiny]) {
          const r = await e.search(p.toCells(), p.player, { depth });
          expect(same(r.score, value), `${p.toObf()} d${depth}: ${r.score} vs ${value}`).toBe(true);
          expect(r.move, p.toObf()).toBe(move);
          expect(r.depth).toBe(depth);
          expect(r.exact).toBe(false);
          expect(r.pv[0]).toBe(move);
          expect(r.nodes).toBeGreaterThan(0);
        }
      }
    });
  }

  it('agrees at depth 4 and 5 where the table cuts off', async () => {
    for (const [depth, n] of [
      [4, 6],
      [5, 1],
    ] as const) {
      for (const p of pick(n, (q) => q.discs() >= 20 && q.discs() <= 44, 40 + depth)) {
        const [move, value] = referenceSearch(p, depth, weights, 30);
        const r = await engine.search(p.toCells(), p.player, { depth });
        expect(same(r.score, value), p.toObf()).toBe(true);
        expect(r.move).toBe(move);
        const t = await tiny.search(p.toCells(), p.player, { depth });
        expect([t.score, t.move]).toEqual([r.score, r.move]);
      }
    }
  });

  it('handles passes and finished games inside the tree', async () => {
    const late = randomPositionsAll(40, 77).filter((p) => p.discs() >= 54 && !p.isGameOver());
    const withPass = late.filter((p) => p.legalMoves().some((sq) => p.play(sq).mustPass()));
    expect(withPass.length).toBeGreaterThan(3);
    for (const p of [...withPass, ...late.slice(0, 30)]) {
      if (p.mustPass()) continue;
      for (const depth of [1, 3, 4]) {
        const [move, value] = referenceSearch(p, depth, weights, 30);
        const r = await engine.search(p.toCells(), p.player, { depth });
        expect(same(r.score, value), `${p.toObf()} d${depth}`).toBe(true);
        expect(r.move).toBe(move);
      }
    }
  });

  it('passes at the root and reports finished games', async () => {
    const positions = randomPositionsAll(60, 3);
    const pass = positions.filter((p) => p.mustPass()).slice(0, 10);
    expect(pass.length).toBeGreaterThan(0);
    for (const p of pass) {
      const r = await engine.search(p.toCells(), p.player, { depth: 2 });
      const other = await engine.search(p.toCells(), p.opponent, { depth: 2 });
      expect(r.move).toBe(-1);
      expect(same(r.score, -other.score)).toBe(true);
      expect(r.depth).toBe(other.depth);
      expect(same(r.score, minimax(p, 2, weights, 30))).toBe(true);
    }
    const over = positions.filter((p) => p.isGameOver()).slice(0, 10);
    for (const p of over) {
      const r = await engine.search(p.toCells(), p.player, { depth: 3 });
      expect(r).toMatchObject({ move: -1, depth: 0, nodes: 0, exact: true, pv: [] });
      expect(same(r.score, p.player === 1 ? p.score() : -p.score())).toBe(true);
    }
  });

  it('evaluates like the reference', () => {
    for (const p of all.slice(0, 500)) {
      expect(engine.evaluate(p.toCells(), p.player)).toBe(slowEvaluate(p, weights, 30));
    }
  });

  it('reports the asked depth once every line reaches the end', async () => {
    const p = randomPositionsAll(10, 12).find(
      (q) => 64 - q.discs() === 3 && !q.mustPass() && !q.isGameOver(),
    )!;
    const r = await engine.search(p.toCells(), p.player, { depth: 9 });
    expect(r.depth).toBe(9);
    const [move, value] = referenceSearch(p, 9, weights, 30);
    expect([r.move, same(r.score, value)]).toEqual([move, true]);
  });

  it('honours node and time limits with the last completed iteration', async () => {
    const p = Position.initial().play(19).play(18).play(17);
    const full3 = await engine.search(p.toCells(), p.player, { depth: 3 });
    const limited = await engine.search(p.toCells(), p.player, {
      depth: 12,
      nodes: full3.nodes + 1,
    });
    expect(limited.depth).toBeGreaterThanOrEqual(3);
    expect(limited.depth).toBeLessThan(12);
    expect(limited.nodes).toBeLessThanOrEqual(full3.nodes * 50);
    const one = await engine.search(p.toCells(), p.player, { nodes: 1 });
    expect(one.depth).toBe(1);
    const started = performance.now();
    const timed = await engine.search(p.toCells(), p.player, { timeMs: 50 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(timed.depth).toBeGreaterThanOrEqual(1);
    const check = await engine.search(p.toCells(), p.player, { depth: timed.depth });
    expect([timed.move, timed.score]).toEqual([check.move, check.score]);
  });

  it('reports a zero score as +0, never -0 (the spec, so Object.is works across backends)', async () => {
    // A fresh model evaluates everything to 0; passes and white's sign negate it.
    const fresh = createJsEngine();
    try {
      const positions = randomPositionsAll(60, 3).filter((p) => p.mustPass() || p.isGameOver());
      let zeros = 0;
      for (const p of positions) {
        for (const limits of [{ depth: 1 }, { depth: 2 }]) {
          const r = await fresh.search(p.toCells(), p.player, limits);
          if (r.score !== 0) continue;
          zeros++;
          expect(Object.is(r.score, 0), `${p.toObf()} ${JSON.stringify(limits)}`).toBe(true);
        }
      }
      expect(zeros).toBeGreaterThan(5);
    } finally {
      await fresh.dispose();
    }
  });
});
