import { describe, expect, it } from 'vitest';
import { isStronger, type StrengthRecord, StrengthSchedule } from './in-run';

const MINUTE = 60_000;

function record(games: number, score: number, mae = 10): StrengthRecord {
  return {
    games,
    league: { score, low: score - 0.02, high: score + 0.02, games: 2000 },
    endgame: { mae, onePlyBestRate: 0.5, depth4BestRate: 0.6, positions: 500 },
    seconds: 1,
  };
}

describe('StrengthSchedule', () => {
  it('is due after the game interval or the training-time interval, whichever comes first', () => {
    const schedule = new StrengthSchedule(
      { everyGames: 1000, everyMinutes: 2, leagueGames: 10, endgamePositions: 1, seed: 1 },
      0,
      0,
    );
    expect(schedule.due(999, MINUTE)).toBe(false);
    expect(schedule.due(1000, MINUTE)).toBe(true);
    expect(schedule.due(10, 2 * MINUTE)).toBe(true);
    schedule.taken(1000, MINUTE);
    expect(schedule.due(1999, 2.9 * MINUTE)).toBe(false);
    expect(schedule.due(1500, 3 * MINUTE)).toBe(true);
  });

  it('a zero interval is no trigger, and nothing is due without new games', () => {
    const byTime = new StrengthSchedule(
      { everyGames: 0, everyMinutes: 1, leagueGames: 10, endgamePositions: 1, seed: 1 },
      500,
      0,
    );
    expect(byTime.due(1_000_000, 0.5 * MINUTE)).toBe(false);
    expect(byTime.due(500, 10 * MINUTE)).toBe(false);
    expect(byTime.due(501, MINUTE)).toBe(true);
    const byGames = new StrengthSchedule(
      { everyGames: 100, everyMinutes: 0, leagueGames: 10, endgamePositions: 1, seed: 1 },
      0,
      0,
    );
    expect(byGames.due(99, 60 * MINUTE)).toBe(false);
    expect(byGames.due(100, 0)).toBe(true);
  });
});

describe('isStronger', () => {
  it('the first measurement is the best so far', () => {
    expect(isStronger(record(100, 0.5), undefined)).toBe(true);
  });

  it('a League score whose interval is apart from the best one decides', () => {
    // intervals of ±0.02: 0.55 and 0.5 are apart, whatever the endgame error says
    expect(isStronger(record(200, 0.55, 12), record(100, 0.5, 10))).toBe(true);
    expect(isStronger(record(200, 0.45, 8), record(100, 0.5, 10))).toBe(false);
  });

  it('with overlapping League intervals the smaller endgame error is stronger', () => {
    expect(isStronger(record(200, 0.49, 9.5), record(100, 0.5, 10))).toBe(true);
    expect(isStronger(record(200, 0.53, 10.5), record(100, 0.5, 10))).toBe(false);
    expect(isStronger(record(200, 0.5, 10), record(100, 0.5, 10))).toBe(false);
  });

  it('intervals that only touch still overlap', () => {
    // best [0.48, 0.52], candidate [0.52, 0.56]: level, so the endgame error decides
    expect(isStronger(record(200, 0.54, 11), record(100, 0.5, 10))).toBe(false);
    expect(isStronger(record(200, 0.54, 9), record(100, 0.5, 10))).toBe(true);
  });
});
