import { describe, expect, it } from 'vitest';
import { ConvergenceMonitor, STAGNATION_RULE, countTouched } from './convergence';

/** Feeds `windows` windows of 100 games, each game with |disc diff| and TD error from `metric(w)`. */
function feed(
  monitor: ConvergenceMonitor,
  windows: number,
  metric: (w: number) => number,
  td = true,
): void {
  for (let w = 0; w < windows; w++) {
    const m = metric(w);
    monitor.observeBatch({
      games: 100,
      avgDiscDiff: m / 2,
      avgAbsDiscDiff: m,
      avgTdError: td ? m : undefined,
    });
  }
}

describe('ConvergenceMonitor', () => {
  it('computes moving averages over the last W windows and the current one', () => {
    const monitor = new ConvergenceMonitor({ windowGames: 4, stagnationWindows: 2 });
    expect(monitor.snapshot().movingAvgDiscDiff).toBeNull();
    for (const d of [2, 4, -2, 0]) monitor.observeGame(d, 1); // window 1: mean 1
    for (const d of [10, 10, 10, 10]) monitor.observeGame(d, 3); // window 2: mean 10
    for (const d of [6, 6, 6, 6]) monitor.observeGame(d); // window 3: mean 6, no TD error
    monitor.observeGame(-6); // current window
    const s = monitor.snapshot();
    expect(s.games).toBe(13);
    expect(s.windowsCompleted).toBe(3);
    // windows 2 and 3 plus the current game: (40 + 24 - 6) / 9
    expect(s.movingAvgDiscDiff).toBeCloseTo(58 / 9, 12);
    expect(s.movingAvgAbsDiscDiff).toBeCloseTo(70 / 9, 12);
    // only window 2 reported TD errors in that span
    expect(s.movingAvgTdError).toBe(3);
  });

  it('reports the variance of evaluations (population variance over the span)', () => {
    const monitor = new ConvergenceMonitor({ windowGames: 2, stagnationWindows: 5 });
    monitor.observeEvaluations([1, 2, 3, 4]);
    monitor.observeGame(0);
    monitor.observeGame(0); // closes the window holding 1..4
    monitor.observeEvaluations(Float32Array.of(5, 6));
    const s = monitor.snapshot();
    expect(s.evaluationMean).toBeCloseTo(3.5, 12);
    // variance of 1..6 = 35/12, merged across windows
    expect(s.evaluationVariance).toBeCloseTo(35 / 12, 12);
  });

  it('is not stagnant before 2W windows, and not while the metric falls by at least X', () => {
    const monitor = new ConvergenceMonitor({
      windowGames: 100,
      stagnationWindows: 3,
      minImprovement: 0.01,
    });
    feed(monitor, 5, (w) => 10 * 0.9 ** w);
    expect(monitor.stagnation()).toMatchObject({
      stagnant: false,
      metric: null,
      windowsCompleted: 5,
      windowsNeeded: 6,
    });
    feed(monitor, 1, (w) => 10 * 0.9 ** (w + 5));
    const status = monitor.stagnation();
    expect(status.stagnant).toBe(false);
    expect(status.metric).toBe('tdError');
    const previous = (10 * (1 + 0.9 + 0.81)) / 3;
    const recent = (10 * (0.9 ** 3 + 0.9 ** 4 + 0.9 ** 5)) / 3;
    expect(status.previous).toBeCloseTo(previous, 10);
    expect(status.recent).toBeCloseTo(recent, 10);
    expect(status.improvement).toBeCloseTo((previous - recent) / previous, 10);
  });

  it('is stagnant when the metric improved by less than X over the last W windows', () => {
    const monitor = new ConvergenceMonitor({
      windowGames: 100,
      stagnationWindows: 3,
      minImprovement: 0.01,
    });
    // improvement of 0.5% between the halves
    feed(monitor, 3, () => 2);
    feed(monitor, 3, () => 1.99);
    expect(monitor.stagnation().improvement).toBeCloseTo(0.005, 10);
    expect(monitor.isStagnant()).toBe(true);
    // a big drop in the next windows: the comparison slides and it is moving again
    feed(monitor, 3, () => 1);
    expect(monitor.isStagnant()).toBe(false);
  });

  it('counts a worsening metric as stagnant', () => {
    const monitor = new ConvergenceMonitor({ windowGames: 100, stagnationWindows: 2 });
    feed(monitor, 2, () => 1);
    feed(monitor, 2, () => 1.5);
    expect(monitor.stagnation()).toMatchObject({ stagnant: true, improvement: -0.5 });
  });

  it('uses |disc diff| when TD errors are not reported (auto) or when asked', () => {
    const auto = new ConvergenceMonitor({ windowGames: 100, stagnationWindows: 1 });
    feed(auto, 2, (w) => (w === 0 ? 20 : 10), false);
    expect(auto.stagnation()).toMatchObject({
      metric: 'absDiscDiff',
      previous: 20,
      recent: 10,
      stagnant: false,
    });

    const forced = new ConvergenceMonitor({
      windowGames: 100,
      stagnationWindows: 1,
      metric: 'absDiscDiff',
    });
    feed(forced, 2, () => 5, true);
    expect(forced.stagnation()).toMatchObject({ metric: 'absDiscDiff', stagnant: true });
  });

  it('puts a batch larger than a window into one window', () => {
    const monitor = new ConvergenceMonitor({ windowGames: 100, stagnationWindows: 2 });
    monitor.observeBatch({ games: 250, avgDiscDiff: 1 });
    monitor.observeBatch({ games: 50, avgDiscDiff: 3 });
    expect(monitor.snapshot()).toMatchObject({ games: 300, windowsCompleted: 1 });
    expect(monitor.snapshot().movingAvgDiscDiff).toBeCloseTo((250 * 1 + 50 * 3) / 300, 12);
  });

  it('measures pattern coverage from counts or from Adam second moments', () => {
    const monitor = new ConvergenceMonitor();
    expect(monitor.coverage()).toBeNull();
    monitor.setCoverage(25, 100);
    expect(monitor.coverage()).toEqual({ touched: 25, total: 100, ratio: 0.25 });
    const v = new Float32Array(10);
    v[1] = 1e-9;
    v[7] = 3;
    const other = Float32Array.of(0, Number.NaN, 0, 0, 0.5);
    expect(monitor.updateCoverageFrom([v, other])).toEqual({
      touched: 4,
      total: 15,
      ratio: 4 / 15,
    });
    expect(monitor.updateCoverageFrom(v)).toEqual({ touched: 2, total: 10, ratio: 0.2 });
    expect(countTouched([0, 0, -0, 2])).toBe(1);
    expect(() => monitor.setCoverage(11, 10)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('rejects non-finite input with a typed error', () => {
    const monitor = new ConvergenceMonitor();
    expect(() => monitor.observeGame(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => monitor.observeGame(1, Number.POSITIVE_INFINITY)).toThrow(/avgTdError/);
    expect(() => monitor.observeBatch({ games: 1.5, avgDiscDiff: 0 })).toThrow(/games/);
    expect(() => monitor.observeEvaluations([1, Number.NaN])).toThrow(/evaluation 1/);
    expect(() => new ConvergenceMonitor({ windowGames: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });

  it('round-trips its state through JSON and continues identically', () => {
    const a = new ConvergenceMonitor({
      windowGames: 10,
      stagnationWindows: 2,
      minImprovement: 0.05,
    });
    for (let i = 0; i < 47; i++) a.observeGame((i % 7) - 3, 0.1 + i / 100);
    a.observeEvaluations([0.5, -1, 2]);
    a.setCoverage(3, 8);
    const text = JSON.stringify(a);
    const b = ConvergenceMonitor.fromJSON(JSON.parse(text));
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(ConvergenceMonitor.fromJSON(text).snapshot()).toEqual(a.snapshot());
    for (let i = 0; i < 30; i++) {
      a.observeGame(i % 5, 0.2);
      b.observeGame(i % 5, 0.2);
    }
    expect(b.snapshot()).toEqual(a.snapshot());
    expect(a.toJSON().history).toHaveLength(4);
  });

  it('refuses malformed state with INVALID_STATE', () => {
    const good = new ConvergenceMonitor({ stagnationWindows: 1 }).toJSON();
    const cases: unknown[] = [
      null,
      'not json',
      { ...good, version: 3 },
      { ...good, strength: { recent: [1.5], bestEarlier: null, measurements: 1 } },
      { ...good, strength: { recent: [0.5, 0.6, 0.7, 0.8], bestEarlier: null, measurements: 4 } },
      { ...good, strength: { recent: [0.5], bestEarlier: null, measurements: 0 } },
      { ...good, games: -1 },
      { ...good, current: { ...good.current, games: 'x' } },
      { ...good, history: [good.current, good.current, good.current] },
      { ...good, settings: { ...good.settings, windowGames: 0 } },
      { ...good, coverage: { touched: 5, total: 1 } },
    ];
    for (const state of cases) {
      expect(() => ConvergenceMonitor.fromJSON(state)).toThrow(
        expect.objectContaining({ code: 'INVALID_STATE' }),
      );
    }
  });

  it('watches the League score once 2S scores are measured (auto)', () => {
    const monitor = new ConvergenceMonitor({
      windowGames: 100,
      stagnationWindows: 1,
      strengthWindow: 2,
      minStrengthGain: 0.01,
    });
    feed(monitor, 2, (w) => (w === 0 ? 20 : 10)); // TD error halved: not stagnant on TD error
    for (const score of [0.7, 0.8, 0.85]) monitor.observeStrength(score);
    expect(monitor.stagnation()).toMatchObject({ metric: 'tdError', stagnant: false });
    monitor.observeStrength(0.84); // last two: .85 .84, best before them: .8
    expect(monitor.stagnation()).toMatchObject({
      metric: 'leagueScore',
      previous: 0.8,
      recent: 0.85,
      stagnant: false,
      windowsCompleted: 4,
      windowsNeeded: 4,
    });
    expect(monitor.stagnation().improvement).toBeCloseTo(0.05, 12);
    monitor.observeStrength(0.83); // last two .84 .83 vs best before .85: worse
    monitor.observeStrength(0.855); // .83 .855 vs .85: a gain of .005 < .01
    expect(monitor.stagnation()).toMatchObject({ stagnant: true, previous: 0.85, recent: 0.855 });
    monitor.observeStrength(0.9);
    expect(monitor.stagnation()).toMatchObject({ stagnant: false, recent: 0.9 });
  });

  it('keeps the strength rule across a JSON round trip and reads version-1 states', () => {
    const a = new ConvergenceMonitor({ metric: 'leagueScore', strengthWindow: 1 });
    expect(a.stagnation()).toMatchObject({ metric: 'leagueScore', stagnant: false });
    a.observeStrength(0.8);
    const b = ConvergenceMonitor.fromJSON(JSON.stringify(a));
    a.observeStrength(0.79);
    b.observeStrength(0.79);
    expect(b.stagnation()).toEqual(a.stagnation());
    expect(b.stagnation()).toMatchObject({ stagnant: true, previous: 0.8, recent: 0.79 });
    const { strength: _dropped, ...rest } = a.toJSON();
    const v1 = ConvergenceMonitor.fromJSON({ ...rest, version: 1 });
    expect(v1.stagnation()).toMatchObject({ metric: 'leagueScore', windowsCompleted: 0 });
    expect(() => a.observeStrength(1.2)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('states its rule', () => {
    expect(STAGNATION_RULE).toContain('minImprovement');
  });
});
