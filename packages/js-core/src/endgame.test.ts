import type { Position } from '@prismind/board';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsEngine } from './engine';
import { fillRandom, randomPositions } from '@prismind/test-support';
import { bruteSolve, firstBest, staticOrder } from './test-reference';

describe('exact endgame solver vs brute force', () => {
  const engine = createJsEngine();
  const weights = engine.getState().weights;
  fillRandom(weights, 21, 3);
  afterAll(() => engine.dispose());
  const positions = randomPositions(120, 17);
  const withEmpties = (n: number, count: number): Position[] =>
    positions.filter((p) => 64 - p.discs() === n).slice(0, count);

  it('finds the perfect-play score and the first best move in static order', async () => {
    let solved = 0;
    for (const [empties, count] of [
      [1, 20],
      [2, 20],
      [3, 20],
      [4, 20],
      [5, 15],
      [6, 15],
      [7, 10],
      [8, 10],
      [9, 8],
      [10, 8],
    ] as const) {
      const sample = withEmpties(empties, count);
      expect(sample.length, `positions with ${empties} empties`).toBeGreaterThan(0);
      for (const p of sample) {
        const order = staticOrder(p, weights, 30);
        const [move, value] = firstBest(order, (sq) => -bruteSolve(p.play(sq)));
        const r = await engine.search(p.toCells(), p.player, { depth: 1, exactEmpties: empties });
        const where = `${p.toObf()} (${empties} empties)`;
        expect(r.score === value, `${where}: ${r.score} vs ${value}`).toBe(true);
        expect(Number.isInteger(r.score)).toBe(true);
        expect(r.move, where).toBe(move);
        expect(r.exact).toBe(true);
        expect(r.depth).toBe(empties);
        expect(r.pv[0]).toBe(move);
        solved++;
      }
    }
    expect(solved).toBeGreaterThan(100);
  });

  it('solves only at or below exactEmpties', async () => {
    const p = withEmpties(8, 1)[0]!;
    const midgame = await engine.search(p.toCells(), p.player, { depth: 2, exactEmpties: 7 });
    expect(midgame.exact).toBe(false);
    expect(midgame.depth).toBe(2);
  });

  it('plays out its principal variation legally', async () => {
    for (const p of withEmpties(10, 2)) {
      const r = await engine.search(p.toCells(), p.player, { depth: 1, exactEmpties: 20 });
      let q = p;
      for (const sq of r.pv) {
        if (q.mustPass()) q = q.pass();
        expect(q.isLegal(sq)).toBe(true);
        q = q.play(sq);
      }
      expect(r.pv.length).toBeGreaterThan(1);
    }
  });

  it('falls back to a depth-1 search when a limit interrupts the solve', async () => {
    const p = positions.find((q) => 64 - q.discs() === 24)!;
    const r = await engine.search(p.toCells(), p.player, { nodes: 5000, exactEmpties: 30 });
    const d1 = await engine.search(p.toCells(), p.player, { depth: 1 });
    expect(r.exact).toBe(false);
    expect(r.depth).toBe(1);
    expect([r.move, r.score]).toEqual([d1.move, d1.score]);
  });
});
