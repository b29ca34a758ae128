import { describe, expect, it } from 'vitest';
import { RunSeries } from './run-series';

describe('RunSeries', () => {
  it('takes each curve from its kind of metrics line', () => {
    const series = new RunSeries();
    series.add({
      kind: 'stats',
      games: 100,
      avgDiscDiff: -2,
      blackWinRate: 0.4,
      gamesPerSecond: 900,
    });
    series.add({ kind: 'checkpoint', games: 100, path: 'x.prsm' });
    series.add({
      kind: 'detailed',
      games: 10_000,
      details: { convergence: { movingAvgTdError: null }, memory: { rss: 5e8, heapUsed: 1e8 } },
    });
    series.add({
      kind: 'strength',
      games: 20_000,
      league: { score: 0.81, low: 0.79, high: 0.83, games: 2000 },
      endgame: { mae: 12.5, onePlyBestRate: 0.41, depth4BestRate: 0.5, positions: 500 },
    });
    series.add({ kind: 'stats' }); // no games: not a point anywhere
    const data = series.toJSON();
    expect(data.discDiff).toMatchObject({ x: [100], mean: [-2], points: 1 });
    expect(data.blackWinRate.mean).toEqual([0.4]);
    expect(data.whiteWinRate.points).toBe(0);
    expect(data.tdError.points).toBe(0);
    expect(data.leagueScore).toMatchObject({ x: [20_000], mean: [0.81] });
    expect(data.endgameMae.mean).toEqual([12.5]);
    expect(data.endgameBestRate.mean).toEqual([0.41]);
    expect(series.memory).toEqual({
      rss: 5e8,
      budgetBytes: null,
      source: 'metrics',
      games: 10_000,
    });
    expect(series.lines).toBe(4);
    series.reset();
    expect(series.toJSON().discDiff.points).toBe(0);
    expect(series.memory).toBeNull();
  });
});
