import { TelemetryError } from './errors';
import { StrengthStagnation, type StrengthStagnationState } from './strength-stagnation';
import {
  parseStateJson,
  requireFinite,
  requireInt,
  requireIntOption,
  requireRangeOption,
} from './validate';
import {
  type WindowStats,
  addEvaluation,
  emptyWindow,
  isWindowStats,
  mergeWindows,
} from './window-stats';

/**
 * Which series the stagnation rule watches: TD error and |disc difference| (lower is better) or the
 * League score measured in the run (higher is better; strength-stagnation.ts).
 */
export type StagnationMetric = 'tdError' | 'absDiscDiff' | 'leagueScore';

export interface ConvergenceOptions {
  /** Games per window; a window closes at the first observation that fills it. Default 1,000. */
  windowGames?: number | undefined;
  /** W: windows per half of the stagnation comparison and in the moving averages. Default 10. */
  stagnationWindows?: number | undefined;
  /** X: the relative improvement below which the run is stagnant. Default 0.01 (1%). */
  minImprovement?: number | undefined;
  /**
   * `'auto'` (default): the League score once 2S scores are measured (observeStrength), else TD
   * error when all compared windows reported one, else |disc diff|.
   */
  metric?: StagnationMetric | 'auto' | undefined;
  /** S: League measurements in the recent span of the strength rule. Default 3. */
  strengthWindow?: number | undefined;
  /** The League-score gain (absolute) below which the run is stagnant. Default 0.01. */
  minStrengthGain?: number | undefined;
}

/** The options as stored in the state (all defaults filled in). */
export interface ConvergenceSettings {
  windowGames: number;
  stagnationWindows: number;
  minImprovement: number;
  metric: StagnationMetric | 'auto';
  strengthWindow: number;
  minStrengthGain: number;
}

/** A batch of games as a trainer reports it. */
export interface GameBatchObservation {
  games: number;
  /** Mean final disc difference (black minus white). */
  avgDiscDiff: number;
  /** Mean |disc difference|; default |avgDiscDiff| (a lower bound). */
  avgAbsDiscDiff?: number | undefined;
  /** Mean |TD error| per game, when the engine reports it. */
  avgTdError?: number | undefined;
}

export interface CoverageStats {
  touched: number;
  total: number;
  /** touched / total (0 when total is 0). */
  ratio: number;
}

export interface StagnationStatus {
  stagnant: boolean;
  /** The metric compared, or null while there are too few windows. */
  metric: StagnationMetric | null;
  /** Mean of the metric over the W windows before the last W (leagueScore: best before the last S). */
  previous: number | null;
  /** Mean of the metric over the last W windows (leagueScore: best of the last S). */
  recent: number | null;
  /**
   * (previous - recent) / |previous|, negative when it got worse; for leagueScore the absolute
   * gain recent - previous.
   */
  improvement: number | null;
  /** Windows completed (leagueScore: League measurements taken). */
  windowsCompleted: number;
  /** 2W windows (leagueScore: 2S measurements). */
  windowsNeeded: number;
}

/** Derived statistics, JSON-ready (null where not yet measurable). */
export interface ConvergenceSnapshot {
  games: number;
  windowsCompleted: number;
  /** Over the last W completed windows plus the current one. */
  movingAvgDiscDiff: number | null;
  movingAvgAbsDiscDiff: number | null;
  movingAvgTdError: number | null;
  evaluationMean: number | null;
  /** Population variance of the evaluations seen in the same span. */
  evaluationVariance: number | null;
  coverage: CoverageStats | null;
  stagnation: StagnationStatus;
}

/** What `toJSON()` returns and `fromJSON()` takes (saved in checkpoints). */
export interface ConvergenceState {
  /** 2 adds `strength`; version 1 states (no strength rule yet) are still read. */
  version: 2;
  settings: ConvergenceSettings;
  games: number;
  windowsCompleted: number;
  current: WindowStats;
  /** The last 2W completed windows, oldest first. */
  history: WindowStats[];
  coverage: { touched: number; total: number } | null;
  strength: StrengthStagnationState;
}

/** The stagnation rule in words (also in the README). */
export const STAGNATION_RULE: string =
  'Games are grouped into windows of windowGames. With W = stagnationWindows, once 2W windows are ' +
  'complete, compare the metric (mean |TD error| per game, or mean |disc difference| when TD ' +
  'errors are not reported) over the last W windows (recent) with the W windows before them ' +
  '(previous): the run is stagnant when (previous - recent) / |previous| < minImprovement. ' +
  'Once 2S League scores are measured in the run (S = strengthWindow), the rule watches them ' +
  'instead: stagnant when the best of the last S scores is not higher than the best before them ' +
  'by at least minStrengthGain.';

/**
 * Watches whether learning still moves: moving averages of the disc difference and TD error,
 * the variance of evaluations, pattern coverage (share of weights ever updated) and stagnation.
 *
 * Stagnation rule: games are grouped into windows of `windowGames` (default 1,000). With
 * W = `stagnationWindows` (default 10), once 2W windows are complete, the metric (mean |TD error|
 * per game when every compared window reported one, otherwise mean |disc difference|) over the
 * last W windows ("recent") is compared with the W windows before them ("previous"); the run is
 * stagnant when (previous - recent) / |previous| < `minImprovement` (default 0.01), i.e. the metric
 * fell by less than 1% — or rose. Fewer than 2W windows: never stagnant.
 */
export class ConvergenceMonitor {
  private readonly settings: ConvergenceSettings;
  private games = 0;
  private windowsCompleted = 0;
  private current: WindowStats = emptyWindow();
  private history: WindowStats[] = [];
  private coverageCount: { touched: number; total: number } | null = null;
  private strength: StrengthStagnation;

  constructor(options: ConvergenceOptions = {}) {
    this.settings = {
      windowGames: options.windowGames ?? 1_000,
      stagnationWindows: options.stagnationWindows ?? 10,
      minImprovement: options.minImprovement ?? 0.01,
      metric: options.metric ?? 'auto',
      strengthWindow: options.strengthWindow ?? 3,
      minStrengthGain: options.minStrengthGain ?? 0.01,
    };
    validateSettings(this.settings);
    this.strength = new StrengthStagnation(this.settings);
  }

  /** A League score (0..1) measured in the run, for the strength rule. */
  observeStrength(score: number): void {
    requireFinite(score, 'League score');
    if (score < 0 || score > 1) {
      throw new TelemetryError('INVALID_ARGUMENT', `League score must be in [0, 1], got ${score}`, {
        details: { score },
      });
    }
    this.strength.observe(score);
  }

  /** One finished game: its final disc difference and, if known, its mean |TD error|. */
  observeGame(discDiff: number, tdError?: number): void {
    this.observeBatch({
      games: 1,
      avgDiscDiff: discDiff,
      avgAbsDiscDiff: Math.abs(discDiff),
      avgTdError: tdError,
    });
  }

  /**
   * A batch of games. It goes into the current window whole; the window closes when it holds at
   * least windowGames games (so batches larger than a window make larger windows).
   */
  observeBatch(batch: GameBatchObservation): void {
    requireInt(batch.games, 'games');
    requireFinite(batch.avgDiscDiff, 'avgDiscDiff');
    const abs = batch.avgAbsDiscDiff ?? Math.abs(batch.avgDiscDiff);
    requireFinite(abs, 'avgAbsDiscDiff');
    if (batch.avgTdError !== undefined) requireFinite(batch.avgTdError, 'avgTdError');
    if (batch.games === 0) return;
    const w = this.current;
    w.games += batch.games;
    w.discDiffSum += batch.avgDiscDiff * batch.games;
    w.absDiscDiffSum += Math.abs(abs) * batch.games;
    if (batch.avgTdError !== undefined) {
      w.tdErrorGames += batch.games;
      w.tdErrorSum += Math.abs(batch.avgTdError) * batch.games;
    }
    this.games += batch.games;
    if (w.games >= this.settings.windowGames) this.closeWindow();
  }

  /** Evaluations (model outputs) seen while training, for their variance. */
  observeEvaluations(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) requireFinite(values[i]!, `evaluation ${i}`);
    for (let i = 0; i < values.length; i++) addEvaluation(this.current, values[i]!);
  }

  /** Sets pattern coverage from counts: `touched` weights of `total` were ever updated. */
  setCoverage(touched: number, total: number): void {
    requireInt(total, 'total');
    requireInt(touched, 'touched');
    if (touched > total) {
      throw new TelemetryError(
        'INVALID_ARGUMENT',
        `touched (${touched}) exceeds total (${total})`,
        {
          details: { touched, total },
        },
      );
    }
    this.coverageCount = { touched, total };
  }

  /**
   * Sets pattern coverage from Adam's second moments (one array or several, e.g. per section):
   * an entry that is not 0 belongs to a weight that was updated at least once.
   */
  updateCoverageFrom(
    secondMoments: ArrayLike<number> | readonly ArrayLike<number>[],
  ): CoverageStats {
    const arrays = isArrayOfArrays(secondMoments) ? secondMoments : [secondMoments];
    let touched = 0;
    let total = 0;
    for (const v of arrays) {
      touched += countTouched(v);
      total += v.length;
    }
    this.setCoverage(touched, total);
    return this.coverage()!;
  }

  coverage(): CoverageStats | null {
    const c = this.coverageCount;
    return c === null ? null : { ...c, ratio: c.total === 0 ? 0 : c.touched / c.total };
  }

  /** Applies the stagnation rule (see the class comment). */
  stagnation(): StagnationStatus {
    const w = this.settings.stagnationWindows;
    const status: StagnationStatus = {
      stagnant: false,
      metric: null,
      previous: null,
      recent: null,
      improvement: null,
      windowsCompleted: this.windowsCompleted,
      windowsNeeded: 2 * w,
    };
    if (this.watchesStrength()) return this.strengthStatus();
    if (this.history.length < 2 * w) return status;
    const compared = this.history.slice(-2 * w);
    const metric = this.metricFor(compared);
    const previous = metricOf(mergeWindows(compared.slice(0, w)), metric);
    const recent = metricOf(mergeWindows(compared.slice(w)), metric);
    const improvement = (previous - recent) / Math.max(Math.abs(previous), Number.EPSILON);
    return {
      ...status,
      metric,
      previous,
      recent,
      improvement,
      stagnant: improvement < this.settings.minImprovement,
    };
  }

  /** True when the stagnation rule holds now. */
  isStagnant(): boolean {
    return this.stagnation().stagnant;
  }

  snapshot(): ConvergenceSnapshot {
    const span = mergeWindows([
      ...this.history.slice(-this.settings.stagnationWindows),
      this.current,
    ]);
    const perGame = (sum: number, n: number): number | null => (n > 0 ? sum / n : null);
    return {
      games: this.games,
      windowsCompleted: this.windowsCompleted,
      movingAvgDiscDiff: perGame(span.discDiffSum, span.games),
      movingAvgAbsDiscDiff: perGame(span.absDiscDiffSum, span.games),
      movingAvgTdError: perGame(span.tdErrorSum, span.tdErrorGames),
      evaluationMean: span.evalCount > 0 ? span.evalMean : null,
      evaluationVariance: span.evalCount > 0 ? span.evalM2 / span.evalCount : null,
      coverage: this.coverage(),
      stagnation: this.stagnation(),
    };
  }

  /** The whole state, for checkpoints; `ConvergenceMonitor.fromJSON` restores it. */
  toJSON(): ConvergenceState {
    return {
      version: 2,
      settings: { ...this.settings },
      games: this.games,
      windowsCompleted: this.windowsCompleted,
      current: { ...this.current },
      history: this.history.map((w) => ({ ...w })),
      coverage: this.coverageCount === null ? null : { ...this.coverageCount },
      strength: this.strength.toJSON(),
    };
  }

  /** Restores a monitor from `toJSON()` output (or its JSON text); INVALID_STATE if malformed. */
  static fromJSON(state: unknown): ConvergenceMonitor {
    const s = (
      typeof state === 'string' ? parseStateJson(state) : state
    ) as Partial<ConvergenceState>;
    const bad = (why: string): TelemetryError =>
      new TelemetryError('INVALID_STATE', `ConvergenceMonitor state: ${why}`);
    if (typeof s !== 'object' || s === null) throw bad('expected an object');
    const version = s.version as number;
    if (version !== 1 && version !== 2) {
      throw bad(`unsupported version ${String(version)}, expected 1 or 2`);
    }
    if (typeof s.settings !== 'object' || s.settings === null) throw bad('settings missing');
    let monitor: ConvergenceMonitor;
    try {
      monitor = new ConvergenceMonitor(s.settings);
    } catch (error) {
      throw bad(`settings invalid: ${(error as Error).message}`);
    }
    if (!Number.isSafeInteger(s.games) || (s.games as number) < 0) throw bad('games not a count');
    if (!Number.isSafeInteger(s.windowsCompleted) || (s.windowsCompleted as number) < 0) {
      throw bad('windowsCompleted not a count');
    }
    if (!isWindowStats(s.current)) throw bad('current window malformed');
    if (!Array.isArray(s.history) || !s.history.every(isWindowStats))
      throw bad('history malformed');
    if (s.history.length > 2 * monitor.settings.stagnationWindows) throw bad('history too long');
    monitor.games = s.games as number;
    monitor.windowsCompleted = s.windowsCompleted as number;
    monitor.current = { ...s.current };
    monitor.history = s.history.map((w) => ({ ...w }));
    if (s.coverage !== null && s.coverage !== undefined) {
      try {
        monitor.setCoverage(s.coverage.touched, s.coverage.total);
      } catch (error) {
        throw bad(`coverage invalid: ${(error as Error).message}`);
      }
    }
    if (version === 2) {
      const strength = StrengthStagnation.fromState(monitor.settings, s.strength);
      if (typeof strength === 'string') throw bad(strength);
      monitor.strength = strength;
    }
    return monitor;
  }

  private watchesStrength(): boolean {
    const { metric } = this.settings;
    if (metric !== 'auto') return metric === 'leagueScore';
    return this.strength.verdict().measurements >= 2 * this.settings.strengthWindow;
  }

  private strengthStatus(): StagnationStatus {
    const v = this.strength.verdict();
    return {
      stagnant: v.stagnant,
      metric: 'leagueScore',
      previous: v.previous,
      recent: v.recent,
      improvement: v.improvement,
      windowsCompleted: v.measurements,
      windowsNeeded: v.measurementsNeeded,
    };
  }

  private closeWindow(): void {
    this.history.push(this.current);
    if (this.history.length > 2 * this.settings.stagnationWindows) this.history.shift();
    this.current = emptyWindow();
    this.windowsCompleted += 1;
  }

  private metricFor(windows: readonly WindowStats[]): StagnationMetric {
    if (this.settings.metric !== 'auto') return this.settings.metric;
    return windows.every((w) => w.tdErrorGames > 0) ? 'tdError' : 'absDiscDiff';
  }
}

function metricOf(w: WindowStats, metric: StagnationMetric): number {
  if (metric === 'tdError') return w.tdErrorGames > 0 ? w.tdErrorSum / w.tdErrorGames : 0;
  return w.games > 0 ? w.absDiscDiffSum / w.games : 0;
}

/** Entries that are not 0 (NaN counts: a weight that went NaN was certainly touched). */
export function countTouched(values: ArrayLike<number>): number {
  let touched = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) touched++;
  return touched;
}

function isArrayOfArrays(
  value: ArrayLike<number> | readonly ArrayLike<number>[],
): value is readonly ArrayLike<number>[] {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === 'object';
}

function validateSettings(s: ConvergenceSettings): void {
  requireIntOption(s.windowGames, 'windowGames');
  requireIntOption(s.stagnationWindows, 'stagnationWindows');
  requireRangeOption(s.minImprovement, 'minImprovement', -1, 1);
  requireIntOption(s.strengthWindow, 'strengthWindow');
  requireRangeOption(s.minStrengthGain, 'minStrengthGain', -1, 1);
  if (!['auto', 'tdError', 'absDiscDiff', 'leagueScore'].includes(s.metric)) {
    throw new TelemetryError(
      'INVALID_OPTIONS',
      `option metric must be 'auto', 'tdError', 'absDiscDiff' or 'leagueScore', got ${String(s.metric)}`,
    );
  }
}
