import { describe, expect, it } from 'vitest';
import { ErrorTracker } from './error-tracker';

describe('ErrorTracker', () => {
  it('counts errors by kind and keeps the last few messages', () => {
    let now = 1000;
    const tracker = new ErrorTracker({ keepMessages: 2, clock: () => now });
    tracker.recordGames(50);
    tracker.recordError('game_failed', 'illegal move from engine', 12);
    now = 2000;
    tracker.recordError('nan_weights', 'pattern 3 stage 4');
    now = 3000;
    tracker.recordError('game_failed', 'worker crashed', 40);
    const s = tracker.summary();
    expect(s).toMatchObject({
      games: 50,
      errors: 3,
      byKind: { game_failed: 2, nan_weights: 1 },
      windowGames: 50,
      windowErrors: 3,
      windowByKind: { game_failed: 2, nan_weights: 1 },
      rate: 3 / 50,
    });
    expect(s.lastErrors).toEqual([
      { kind: 'nan_weights', message: 'pattern 3 stage 4', game: undefined, time: 2000 },
      { kind: 'game_failed', message: 'worker crashed', game: 40, time: 3000 },
    ]);
  });

  it('measures the rate over a sliding window of games', () => {
    const tracker = new ErrorTracker({ windowGames: 1000, buckets: 10 });
    for (let i = 0; i < 5; i++) tracker.recordError('game_failed', 'x');
    tracker.recordGames(100); // the 5 errors sit in the first bucket
    expect(tracker.rate()).toBeCloseTo(5 / 100, 12);
    tracker.recordGames(800); // 900 games in the window, still including the first bucket
    expect(tracker.summary()).toMatchObject({ windowGames: 900, windowErrors: 5 });
    tracker.recordGames(100); // the first bucket slides out
    expect(tracker.summary()).toMatchObject({
      windowGames: 900,
      windowErrors: 0,
      windowByKind: {},
    });
    expect(tracker.rate()).toBe(0);
    expect(tracker.summary()).toMatchObject({ games: 1000, errors: 5, byKind: { game_failed: 5 } });
  });

  it('splits a large batch of games across buckets', () => {
    const tracker = new ErrorTracker({ windowGames: 100, buckets: 4 });
    tracker.recordError('k', 'm');
    tracker.recordGames(1_000_005);
    expect(tracker.summary()).toMatchObject({ games: 1_000_005, windowGames: 80, windowErrors: 0 });
  });

  it('exceeds a threshold only against a full window of games', () => {
    const tracker = new ErrorTracker({ windowGames: 10_000 });
    tracker.recordGames(50);
    tracker.recordError('game_failed', 'one early failure');
    expect(tracker.rate()).toBe(0.02);
    expect(tracker.exceeds(0.01)).toBe(false); // 1 is not > 1% of 10,000
    for (let i = 0; i < 99; i++) tracker.recordError('game_failed', 'more');
    expect(tracker.exceeds()).toBe(false); // 100 errors: exactly 1%, not past it
    tracker.recordError('game_failed', 'the 101st');
    expect(tracker.exceeds()).toBe(true);
    expect(tracker.exceeds(0.05)).toBe(false);
  });

  it('round-trips its state through JSON', () => {
    const a = new ErrorTracker({ windowGames: 100, buckets: 5, clock: () => 7 });
    a.recordGames(30);
    a.recordError('game_failed', 'a', 3);
    a.recordGames(45);
    a.recordError('checkpoint_save', 'ENOSPC');
    const text = JSON.stringify(a);
    const b = ErrorTracker.fromJSON(text, { clock: () => 7 });
    expect(b.toJSON()).toEqual(JSON.parse(text));
    expect(b.summary()).toEqual(a.summary());
    a.recordGames(60);
    b.recordGames(60);
    expect(b.summary()).toEqual(a.summary());
  });

  it('refuses malformed state and options', () => {
    const good = new ErrorTracker({ windowGames: 100, buckets: 5 }).toJSON();
    const cases: unknown[] = [
      undefined,
      '{',
      { ...good, version: 0 },
      { ...good, games: 1.5 },
      { ...good, window: [] },
      { ...good, window: [{ games: 500, errors: 0, byKind: {} }] },
      { ...good, byKind: { x: -1 } },
      { ...good, lastErrors: [{ kind: 1 }] },
    ];
    for (const state of cases) {
      expect(() => ErrorTracker.fromJSON(state)).toThrow(
        expect.objectContaining({ code: 'INVALID_STATE' }),
      );
    }
    expect(() => new ErrorTracker({ windowGames: 1000, buckets: 7 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    expect(() => new ErrorTracker().recordGames(-1)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => new ErrorTracker().recordError('', 'm')).toThrow(/kind/);
  });
});
