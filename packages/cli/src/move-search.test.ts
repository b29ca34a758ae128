import { Position } from '@prismind/board';
import type { Engine } from '@prismind/board/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectEngine } from './model';
import { planText, searchMove, secondsToMs } from './move-search';

/** The position after `plies` moves of a seeded random game (no passes needed on the way). */
function seededPosition(plies: number, seed: number): Position {
  let p = Position.initial();
  let x = seed;
  while (p.discs() - 4 < plies) {
    if (p.mustPass()) p = p.pass();
    const moves = p.legalMoves();
    x = (x * 1103515245 + 12345) >>> 0;
    p = p.play(moves[(x >>> 16) % moves.length]!);
  }
  return p;
}

/**
 * Budget overshoot allowed. Measured: a few ms typically (median about 5 ms for both backends),
 * 120 ms at worst for JS on a 2-core machine at load average 12; the margin absorbs such load.
 */
const MARGIN_MS = 150;
const midgame = seededPosition(20, 7);
const endgame = seededPosition(40, 11);

describe.each(['js', 'native'] as const)('time-budgeted search (%s)', (backend) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = (await selectEngine(backend)).engine;
    // the JS engine starts its search thread on the first search
    await engine.search(midgame.toCells(), midgame.player, { depth: 1 });
  });
  afterAll(() => engine.dispose());

  it('keeps to the budget and plays a legal move in the midgame', async () => {
    const plan = { moveTimeMs: 300, exactEmpties: 12 };
    const started = performance.now();
    const r = await searchMove(engine, midgame, plan);
    const took = performance.now() - started;
    expect(took).toBeGreaterThan(250);
    expect(took).toBeLessThan(plan.moveTimeMs + MARGIN_MS);
    expect(midgame.legalMoves()).toContain(r.move);
    expect(r.depth).toBeGreaterThanOrEqual(2);
  });

  it('keeps to the budget at 20 empties where the exact solve does not fit, with the midgame move', async () => {
    expect(64 - endgame.discs()).toBe(20);
    const plan = { moveTimeMs: 200, exactEmpties: 20 };
    const started = performance.now();
    const r = await searchMove(engine, endgame, plan);
    const took = performance.now() - started;
    expect(took).toBeLessThan(plan.moveTimeMs + MARGIN_MS);
    expect(endgame.legalMoves()).toContain(r.move);
    // an unfinished solve leaves the midgame iteration's answer, never a depth-1 fallback
    if (!r.exact) expect(r.depth).toBeGreaterThanOrEqual(2);
  });

  it('solves exactly when the solve fits', async () => {
    const late = seededPosition(52, 3);
    const r = await searchMove(engine, late, { moveTimeMs: 2000, exactEmpties: 12 });
    expect(r.exact).toBe(true);
    expect(late.legalMoves()).toContain(r.move);
  });

  it('stops at once on its signal, with a legal move', async () => {
    const controller = new AbortController();
    const search = searchMove(
      engine,
      midgame,
      { moveTimeMs: 60_000, exactEmpties: 0 },
      controller.signal,
    );
    await new Promise((wake) => setTimeout(wake, 100));
    const stoppedAt = performance.now();
    controller.abort();
    const r = await search;
    expect(performance.now() - stoppedAt).toBeLessThan(100);
    expect(midgame.legalMoves()).toContain(r.move);
  });
});

describe('move plans', () => {
  it('reads --move-time seconds as whole milliseconds and says what it does', () => {
    expect(secondsToMs(undefined)).toBeUndefined();
    expect(secondsToMs(1.5)).toBe(1500);
    expect(secondsToMs(0.0001)).toBe(1);
    expect(planText({ depth: 6, exactEmpties: 10 })).toBe('depth 6');
    expect(planText({ moveTimeMs: 2500, exactEmpties: 10 })).toBe('2.5 s per move');
    expect(planText({ moveTimeMs: 2500, depth: 8, exactEmpties: 10 })).toBe(
      '2.5 s per move, depth ≤ 8',
    );
  });
});
