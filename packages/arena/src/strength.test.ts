import { describe, expect, it } from 'vitest';
import { loadEndgameSet } from './endgame-set';
import { strengthReport } from './strength';
import { FIXTURE_PATH } from './test-endgames';
import { wpcTestEngine } from './test-engines';
import { STANDARD_WPC } from './wpc';

describe('strengthReport', () => {
  it('plays the League, the depth-2 gauntlet vs the standard WPC, and measures the endgame', async () => {
    // The model evaluates and searches by the standard WPC itself: the gauntlet is the same
    // player twice, so each opening's two games mirror each other and the score is exactly ½.
    const { engine, searches } = wpcTestEngine(STANDARD_WPC);
    const endgame = loadEndgameSet(FIXTURE_PATH).slice(0, 2);
    const report = await strengthReport(engine, {
      leagueGames: 40,
      gauntletOpenings: 3,
      seed: 5,
      endgame,
    });
    expect(report.league.games).toBe(40);
    expect(report.league.wins + report.league.draws + report.league.losses).toBe(40);
    expect(report.league.interval.low).toBeLessThan(report.league.score);
    expect(report.gauntlet).toMatchObject({ depth: 2, games: 6, score: 0.5, elo: 0 });
    expect(report.endgame.positions).toBe(2);
    expect(searches.filter((s) => s.depth === 2).length).toBeGreaterThan(0);
    expect(searches.filter((s) => s.depth === 4)).toEqual(
      new Array(2).fill({ depth: 4, exactEmpties: 0 }),
    );
    const parts = report.league.seconds + report.gauntlet.seconds + report.endgame.seconds;
    expect(report.seconds).toBeGreaterThanOrEqual(parts * 0.99);
  });

  it('is reproducible by seed', async () => {
    const options = {
      leagueGames: 30,
      gauntletOpenings: 1,
      endgame: loadEndgameSet(FIXTURE_PATH).slice(0, 1),
    };
    const a = await strengthReport(wpcTestEngine(STANDARD_WPC).engine, { ...options, seed: 9 });
    const b = await strengthReport(wpcTestEngine(STANDARD_WPC).engine, { ...options, seed: 9 });
    expect(b.league).toEqual({ ...a.league, seconds: b.league.seconds });
  });
});
