import type { Engine } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import { createJsEngine } from '../js-engine/engine';
import { randomPositions } from '@prismind/test-support';
import { bestChildMove, onePlyPlayer } from './engine-player';
import { leagueScore } from './league';
import { wpcPlayer } from './players';
import { wpcValue } from './wpc';

/** An engine whose evaluation is the WPC heuristic (only evaluate is used by 1-ply players). */
const wpcEngine = {
  backend: 'js',
  evaluate: (cells: ArrayLike<number>) => wpcValue(cells),
} as unknown as Engine;

describe('bestChildMove', () => {
  it('is the 1-ply WPC move when the engine evaluates by WPC', () => {
    const wpc = wpcPlayer({ depth: 1 });
    // away from the end, where a finished child would be scored exactly by the WPC player
    for (const p of randomPositions(10, 21).filter((q) => q.discs() < 50)) {
      expect(bestChildMove(wpcEngine, p), p.toObf()).toBe(wpc.choose(p));
    }
  });
});

describe('leagueScore', () => {
  it('WPC against itself scores about ½ and the interval says so', async () => {
    const r = await leagueScore({ engine: wpcEngine, games: 1000, seed: 2 });
    expect(r.games).toBe(1000);
    expect(r.wins + r.draws + r.losses).toBe(1000);
    expect(r.interval.low).toBeLessThan(0.5);
    expect(r.interval.high).toBeGreaterThan(0.5);
    expect(r.interval.high - r.interval.low).toBeLessThan(0.07); // ≈ 2 · 1.96 · 0.5/√1000
  });

  it('an untrained model (all weights 0) loses to the heuristic', async () => {
    const engine = createJsEngine();
    try {
      const r = await leagueScore({ engine, games: 200, seed: 1 });
      expect(r.score).toBeLessThan(0.3);
      expect(r.interval.high).toBeLessThan(0.5);
      expect(r.meanDiscDiff).toBeLessThan(0);
    } finally {
      await engine.dispose();
    }
  });

  it('is deterministic for a seed; the random moves make the games differ', async () => {
    const a = await leagueScore({ player: onePlyPlayer(wpcEngine), games: 100, seed: 5 });
    const b = await leagueScore({ player: onePlyPlayer(wpcEngine), games: 100, seed: 5 });
    const c = await leagueScore({ player: onePlyPlayer(wpcEngine), games: 100, seed: 6 });
    expect([a.wins, a.draws, a.losses, a.meanDiscDiff]).toEqual([
      b.wins,
      b.draws,
      b.losses,
      b.meanDiscDiff,
    ]);
    expect(a.meanDiscDiff).not.toBe(c.meanDiscDiff);
  });

  it('without exploration two deterministic players repeat one pair of games', async () => {
    const r = await leagueScore({ engine: wpcEngine, games: 10, epsilon: 0 });
    expect(r.score).toBe(0.5);
  });

  it('needs an engine or a player', async () => {
    await expect(leagueScore({})).rejects.toThrow(/engine/);
  });
});
