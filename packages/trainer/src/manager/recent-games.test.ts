import { describe, expect, it } from 'vitest';
import { RecentGames } from './recent-games';

const part = (games: number, blackWins: number, discDiffSum: number) => ({
  games,
  blackWins,
  whiteWins: games - blackWins,
  draws: 0,
  discDiffSum,
});

describe('RecentGames', () => {
  it('keeps whole batches covering the last window', () => {
    const r = new RecentGames(250);
    expect(r.stats()).toEqual({
      games: 0,
      avgDiscDiff: 0,
      blackWinRate: 0,
      whiteWinRate: 0,
      drawRate: 0,
    });
    r.add(part(100, 100, 1000));
    r.add(part(100, 0, -1000));
    r.add(part(100, 50, 0));
    expect(r.stats().games).toBe(300); // dropping the first would leave 200 < 250
    r.add(part(100, 50, 400));
    const s = r.stats();
    expect(s.games).toBe(300);
    expect(s.avgDiscDiff).toBeCloseTo(-600 / 300);
    expect(s.blackWinRate).toBeCloseTo(100 / 300);
    expect(r.stats(part(10, 10, 100)).games).toBe(310);
    r.clear();
    expect(r.stats().games).toBe(0);
  });
});
