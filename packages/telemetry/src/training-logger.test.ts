import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import type { ScalarSink } from './tfevents/writer';
import { TrainingLogger, type TrainingLoggerOptions, formatDuration } from './training-logger';

function harness(options: Partial<TrainingLoggerOptions> = {}) {
  let now = 0;
  const logLines: string[] = [];
  const logger = createLogger({
    stream: { write: (c: string) => logLines.push(c) },
    pretty: false,
    level: 'debug',
  });
  const records: { kind: string; fields: Record<string, unknown> }[] = [];
  const scalars: { values: Record<string, number>; step: number }[] = [];
  const sink: ScalarSink = {
    addScalars: (values, step) => scalars.push({ values: { ...values }, step }),
  };
  const training = new TrainingLogger({
    logger,
    clock: () => now,
    metrics: {
      write: (kind, fields) => records.push({ kind, fields: fields as Record<string, unknown> }),
    },
    scalars: sink,
    ...options,
  });
  return {
    training,
    records,
    scalars,
    logs: () => logLines.map((l) => JSON.parse(l) as Record<string, unknown>),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** `games` games: black wins `b`, white wins `w`, the rest draws, disc differences summing to `sum`. */
const tally = (games: number, b: number, w: number, sum: number) => ({
  games,
  blackWins: b,
  whiteWins: w,
  draws: games - b - w,
  discDiffSum: sum,
});

describe('TrainingLogger', () => {
  it('writes stats every 100 games over the games since the last line', () => {
    const h = harness({ totalGames: 1_000 });
    h.advance(1_200);
    expect(h.training.recordGames(tally(60, 30, 25, 120))).toEqual({});
    h.advance(800); // 50 games/s throughout
    const { stats } = h.training.recordGames(tally(40, 20, 15, 80));
    expect(stats).toMatchObject({
      games: 100,
      window: 100,
      avgDiscDiff: 2,
      blackWinRate: 0.5,
      whiteWinRate: 0.4,
      drawRate: 0.1,
      gamesPerSecond: 50,
      elapsedMs: 2_000,
      totalGames: 1_000,
    });
    expect(stats!.etaMs).toBeCloseTo(18_000, 6);
    expect(h.records).toEqual([{ kind: 'stats', fields: stats }]);
    expect(h.scalars).toEqual([
      {
        step: 100,
        values: {
          'train/avg_disc_diff': 2,
          'train/black_win_rate': 0.5,
          'train/white_win_rate': 0.4,
          'train/draw_rate': 0.1,
          'train/games_per_second': 50,
        },
      },
    ]);
    const [line] = h.logs();
    expect(line).toMatchObject({
      level: 20,
      component: 'training',
      event: 'stats',
      games: 100,
      avgDiscDiff: 2,
    });
    expect(line!.msg).toBe(
      'stats: 100 games, disc diff +2.00, B 50.0% W 40.0% D 10.0%, 50.0 games/s, ETA 18s',
    );

    h.advance(1_000);
    const next = h.training.recordGames(tally(100, 0, 100, -500)).stats!;
    expect(next).toMatchObject({
      games: 200,
      window: 100,
      avgDiscDiff: -5,
      whiteWinRate: 1,
      gamesPerSecond: 100,
    });
  });

  it('writes one stats line when a batch crosses several multiples', () => {
    const h = harness();
    h.advance(500);
    const result = h.training.recordGames(tally(350, 100, 100, 0));
    expect(result.stats).toMatchObject({ games: 350, window: 350 });
    expect(h.records).toHaveLength(1);
    expect(h.training.recordGames(tally(49, 0, 0, 0))).toEqual({});
    expect(h.training.recordGames(tally(1, 0, 0, 0)).stats).toMatchObject({
      games: 400,
      window: 50,
    });
  });

  it('writes detailed stats every 10,000 games with the details and their numeric leaves as scalars', () => {
    const h = harness({
      details: () => ({
        convergence: { movingAvgTdError: 0.25, stagnation: { stagnant: false } },
        note: 'x',
      }),
    });
    for (let i = 0; i < 99; i++) {
      h.advance(100);
      expect(h.training.recordGames(tally(100, 50, 50, 0)).detailed).toBeUndefined();
    }
    h.advance(100);
    const { stats, detailed } = h.training.recordGames(tally(100, 50, 40, 100));
    expect(stats).toMatchObject({ games: 10_000, window: 100 });
    expect(detailed).toMatchObject({
      games: 10_000,
      window: 10_000,
      gamesPerSecond: 1_000,
      avgDiscDiff: 0.01,
    });
    expect(detailed!.details).toMatchObject({ note: 'x' });
    expect(h.records.at(-1)!.kind).toBe('detailed');
    expect(h.scalars.at(-1)).toEqual({
      step: 10_000,
      values: { 'convergence/movingAvgTdError': 0.25, 'convergence/stagnation/stagnant': 0 },
    });
    expect(h.logs().at(-1)).toMatchObject({ level: 30, event: 'detailed_stats' });
  });

  it('continues the counts of a resumed run', () => {
    const h = harness({ startGames: 12_345, startElapsedMs: 60_000 });
    h.advance(1_000);
    const { stats } = h.training.recordGames(tally(55, 0, 0, 0));
    expect(stats).toMatchObject({ games: 12_400, window: 55, elapsedMs: 61_000 });
  });

  it('logs checkpoints, divergences, failed games and the ETA as typed events', () => {
    const h = harness({ totalGames: 1_000 });
    h.training.checkpointSaved({
      games: 10_000,
      path: 'runs/a/checkpoints/ckpt-10000.prsm',
      bytes: 42,
    });
    h.training.checkpointFailed({ games: 20_000, path: 'p', error: 'ENOSPC', willRetry: true });
    h.training.checkpointFailed({ games: 20_000, path: 'p', error: 'ENOSPC', willRetry: false });
    h.training.divergence({
      pattern: 'edge2x',
      stage: 12,
      index: 4_321,
      value: Number.NaN,
      action: 'reset',
    });
    h.training.gameFailed({ game: 77, kind: 'worker_crash', message: 'exit 134' });
    const logs = h.logs();
    expect(logs.map((l) => [l.event, l.level])).toEqual([
      ['checkpoint_saved', 30],
      ['checkpoint_failed', 40],
      ['checkpoint_failed', 50],
      ['divergence', 40],
      ['game_failed', 40],
    ]);
    expect(logs[3]).toMatchObject({
      pattern: 'edge2x',
      stage: 12,
      index: 4_321,
      value: 'NaN',
      action: 'reset',
    });
    expect(logs[3]!.msg).toBe(
      'weight diverged: pattern edge2x, stage 12, index 4321 = NaN (reset)',
    );
    expect(h.records.map((r) => r.kind)).toEqual([
      'checkpoint',
      'checkpoint_failed',
      'checkpoint_failed',
      'divergence',
      'game_failed',
    ]);

    h.advance(2_000);
    h.training.recordGames(tally(200, 0, 0, 0));
    const eta = h.training.eta();
    expect(eta).toEqual({ games: 200, totalGames: 1_000, etaMs: 8_000, gamesPerSecond: 100 });
    expect(h.logs().at(-1)).toMatchObject({ event: 'eta', msg: 'ETA 8s (200/1000 games)' });
    h.training.setTotalGames(undefined);
    expect(h.training.eta()).toBeUndefined();
  });

  it('rejects an impossible tally', () => {
    const h = harness();
    expect(() => h.training.recordGames(tally(10, 6, 6, 0))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => h.training.recordGames({ ...tally(1, 0, 0, 0), discDiffSum: Number.NaN })).toThrow(
      /discDiffSum/,
    );
  });
});

describe('formatDuration', () => {
  it('formats hours, minutes and seconds', () => {
    expect(formatDuration(3_723_000)).toBe('1h02m03s');
    expect(formatDuration(245_000)).toBe('4m05s');
    expect(formatDuration(6_400)).toBe('6s');
    expect(formatDuration(Number.NaN)).toBe('unknown');
  });
});
