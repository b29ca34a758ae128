import { type Clock, systemClock } from './clock';
import { TelemetryError } from './errors';
import { EtaEstimator } from './eta';
import { combineTallies, EMPTY_TALLY, type GameTally } from './game-tally';
import type { LogLevel, Logger } from './logger';
import type { ScalarSink } from './tfevents/writer';
import type {
  CheckpointFailedEvent,
  CheckpointSavedEvent,
  DetailedStatsEvent,
  DivergenceEvent,
  EtaEvent,
  GameFailedEvent,
  StatsEvent,
} from './training-events';
import { requireFinite, requireInt, requireIntOption } from './validate';

/** Where metrics records go (a MetricsWriter, or a test double). */
export interface MetricsSink {
  write(kind: string, fields: object): unknown;
}

export interface TrainingLoggerOptions {
  /** Lines go to `logger.child({ component })`. */
  logger: Logger;
  metrics?: MetricsSink | undefined;
  /** TensorBoard (a TfEventsWriter); step = games. */
  scalars?: ScalarSink | undefined;
  clock?: Clock | undefined;
  /** Default `training`. */
  component?: string | undefined;
  /** Default 100. */
  statsEvery?: number | undefined;
  /** Default 10,000. */
  detailedEvery?: number | undefined;
  /** Level of the frequent stats line in the log (metrics get every one). Default `debug`. */
  statsLevel?: LogLevel | undefined;
  totalGames?: number | undefined;
  /** Games completed before this session (a resumed run). Default 0. */
  startGames?: number | undefined;
  /** Training time of earlier sessions (a resumed run). Default 0. */
  startElapsedMs?: number | undefined;
  /** Called at each detailed-stats boundary for the `details` (e.g. createTelemetrySnapshot). */
  details?: (() => object) | undefined;
}

/** What `recordGames` emitted, if anything. */
export interface RecordResult {
  stats?: StatsEvent | undefined;
  detailed?: DetailedStatsEvent | undefined;
}

interface Span extends GameTally {
  startedAt: number;
}

/**
 * Typed training events, each written as one log line (with an `event` field) and, where it is a
 * measurement, one metrics record and TensorBoard scalars. `recordGames` accumulates game results
 * and emits the stats line every `statsEvery` games and the detailed line every `detailedEvery`.
 */
export class TrainingLogger {
  private readonly log: Logger;
  private readonly metrics: MetricsSink | undefined;
  private readonly scalars: ScalarSink | undefined;
  private readonly clock: Clock;
  private readonly statsEvery: number;
  private readonly detailedEvery: number;
  private readonly statsLevel: LogLevel;
  private readonly details: (() => object) | undefined;
  private readonly startedAt: number;
  private readonly startElapsedMs: number;
  private readonly rate = new EtaEstimator({ halfLifeMs: 60_000, minSampleMs: 1_000 });
  private totalGames: number | undefined;
  private gamesDone: number;
  private statsSpan: Span;
  private detailedSpan: Span;

  constructor(options: TrainingLoggerOptions) {
    if (options.logger === undefined) {
      throw new TelemetryError('INVALID_OPTIONS', 'TrainingLogger needs a logger (option logger)');
    }
    this.log = options.logger.child({ component: options.component ?? 'training' });
    this.metrics = options.metrics;
    this.scalars = options.scalars;
    this.clock = options.clock ?? systemClock;
    this.statsEvery = options.statsEvery ?? 100;
    this.detailedEvery = options.detailedEvery ?? 10_000;
    this.statsLevel = options.statsLevel ?? 'debug';
    this.details = options.details;
    requireIntOption(this.statsEvery, 'statsEvery');
    requireIntOption(this.detailedEvery, 'detailedEvery');
    this.gamesDone = options.startGames ?? 0;
    requireIntOption(this.gamesDone, 'startGames', 0);
    this.startElapsedMs = options.startElapsedMs ?? 0;
    this.totalGames = options.totalGames;
    this.startedAt = this.clock();
    this.statsSpan = emptySpan(this.startedAt);
    this.detailedSpan = emptySpan(this.startedAt);
    this.rate.observe(this.gamesDone, this.startedAt);
  }

  /** Games completed in the run so far. */
  get games(): number {
    return this.gamesDone;
  }

  /** Training time so far, including earlier sessions. */
  elapsedMs(): number {
    return this.startElapsedMs + (this.clock() - this.startedAt);
  }

  setTotalGames(total: number | undefined): void {
    this.totalGames = total;
  }

  /**
   * Adds the results of games finished since the last call. Emits a stats line when the run's
   * game count crosses a multiple of `statsEvery` (one line however many multiples a large batch
   * crosses) and a detailed line on multiples of `detailedEvery`.
   */
  recordGames(tally: GameTally): RecordResult {
    checkTally(tally);
    const before = this.gamesDone;
    this.gamesDone += tally.games;
    addTally(this.statsSpan, tally);
    addTally(this.detailedSpan, tally);
    const now = this.clock();
    this.rate.observe(this.gamesDone, now);
    const result: RecordResult = {};
    if (crossed(before, this.gamesDone, this.statsEvery)) {
      result.stats = this.statsFrom(this.statsSpan, now);
      this.stats(result.stats);
      this.statsSpan = emptySpan(now);
    }
    if (crossed(before, this.gamesDone, this.detailedEvery)) {
      result.detailed = {
        ...this.statsFrom(this.detailedSpan, now),
        details: (this.details?.() ?? {}) as Record<string, unknown>,
      };
      this.detailedStats(result.detailed);
      this.detailedSpan = emptySpan(now);
    }
    return result;
  }

  stats(event: StatsEvent): void {
    this.log[this.statsLevel]({ event: 'stats', ...event }, statsMessage('stats', event));
    this.metrics?.write('stats', event);
    this.scalars?.addScalars(statsScalars(event), event.games);
  }

  detailedStats(event: DetailedStatsEvent): void {
    this.log.info({ event: 'detailed_stats', ...event }, statsMessage('detailed stats', event));
    this.metrics?.write('detailed', event);
    const scalars: Record<string, number> = {};
    flattenNumbers(event.details, '', scalars, 0);
    this.scalars?.addScalars(scalars, event.games);
  }

  checkpointSaved(event: CheckpointSavedEvent): void {
    this.log.info(
      { event: 'checkpoint_saved', ...event },
      `checkpoint saved at ${event.games} games: ${event.path}`,
    );
    this.metrics?.write('checkpoint', event);
  }

  checkpointFailed(event: CheckpointFailedEvent): void {
    const message = `checkpoint save at ${event.games} games failed (${event.error})${event.willRetry ? '; retrying once' : '; training goes on'}`;
    this.log[event.willRetry ? 'warn' : 'error']({ event: 'checkpoint_failed', ...event }, message);
    this.metrics?.write('checkpoint_failed', event);
  }

  divergence(event: DivergenceEvent): void {
    const fields = { ...event, value: jsonNumber(event.value) };
    this.log.warn(
      { event: 'divergence', ...fields },
      `weight diverged: pattern ${event.pattern}, stage ${event.stage}, index ${event.index} = ${event.value}${event.action === 'reset' ? ' (reset)' : ''}`,
    );
    this.metrics?.write('divergence', fields);
  }

  gameFailed(event: GameFailedEvent): void {
    this.log.warn(
      { event: 'game_failed', ...event },
      `game ${event.game} failed (${event.kind}): ${event.message}; skipped`,
    );
    this.metrics?.write('game_failed', event);
  }

  /** Logs the ETA; computed from the smoothed rate unless an event is given. */
  eta(event?: EtaEvent): EtaEvent | undefined {
    const e = event ?? this.currentEta();
    if (e === undefined) return undefined;
    const text = e.etaMs === undefined ? 'unknown' : formatDuration(e.etaMs);
    this.log.info({ event: 'eta', ...e }, `ETA ${text} (${e.games}/${e.totalGames} games)`);
    this.metrics?.write('eta', e);
    return e;
  }

  /** The current ETA (undefined without a total). */
  currentEta(): EtaEvent | undefined {
    if (this.totalGames === undefined) return undefined;
    return {
      games: this.gamesDone,
      totalGames: this.totalGames,
      etaMs: this.rate.etaMs(this.gamesDone, this.totalGames),
      gamesPerSecond: this.rate.rate(),
    };
  }

  private statsFrom(span: Span, now: number): StatsEvent {
    const n = span.games;
    const seconds = (now - span.startedAt) / 1000;
    const eta = this.currentEta();
    return {
      games: this.gamesDone,
      window: n,
      avgDiscDiff: n > 0 ? span.discDiffSum / n : 0,
      blackWinRate: n > 0 ? span.blackWins / n : 0,
      whiteWinRate: n > 0 ? span.whiteWins / n : 0,
      drawRate: n > 0 ? span.draws / n : 0,
      gamesPerSecond: seconds > 0 ? n / seconds : 0,
      elapsedMs: this.startElapsedMs + (now - this.startedAt),
      ...(eta === undefined ? {} : { totalGames: eta.totalGames, etaMs: eta.etaMs }),
    };
  }
}

function emptySpan(startedAt: number): Span {
  return { ...EMPTY_TALLY, startedAt };
}

function addTally(span: Span, t: GameTally): void {
  Object.assign(span, combineTallies(span, t));
}

function checkTally(t: GameTally): void {
  requireInt(t.games, 'games');
  requireInt(t.blackWins, 'blackWins');
  requireInt(t.whiteWins, 'whiteWins');
  requireInt(t.draws, 'draws');
  requireFinite(t.discDiffSum, 'discDiffSum');
  if (t.blackWins + t.whiteWins + t.draws > t.games) {
    throw new TelemetryError(
      'INVALID_ARGUMENT',
      `wins and draws (${t.blackWins}+${t.whiteWins}+${t.draws}) exceed games (${t.games})`,
      { details: { ...t } },
    );
  }
}

/** True when (before, after] contains a multiple of `every`. */
function crossed(before: number, after: number, every: number): boolean {
  return Math.floor(after / every) > Math.floor(before / every);
}

function statsScalars(e: StatsEvent): Record<string, number> {
  return {
    'train/avg_disc_diff': e.avgDiscDiff,
    'train/black_win_rate': e.blackWinRate,
    'train/white_win_rate': e.whiteWinRate,
    'train/draw_rate': e.drawRate,
    'train/games_per_second': e.gamesPerSecond,
  };
}

/** Numeric leaves of `value` as `a/b/c` keys (depth-limited; arrays skipped). */
function flattenNumbers(
  value: unknown,
  prefix: string,
  out: Record<string, number>,
  depth: number,
): void {
  if (depth > 4 || typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const name = prefix === '' ? key : `${prefix}/${key}`;
    if (typeof v === 'number' && Number.isFinite(v)) out[name] = v;
    else if (typeof v === 'boolean') out[name] = v ? 1 : 0;
    else flattenNumbers(v, name, out, depth + 1);
  }
}

function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function statsMessage(label: string, e: StatsEvent): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const diff = `${e.avgDiscDiff >= 0 ? '+' : ''}${e.avgDiscDiff.toFixed(2)}`;
  const eta = e.etaMs === undefined ? '' : `, ETA ${formatDuration(e.etaMs)}`;
  return `${label}: ${e.games} games, disc diff ${diff}, B ${pct(e.blackWinRate)} W ${pct(e.whiteWinRate)} D ${pct(e.drawRate)}, ${e.gamesPerSecond.toFixed(1)} games/s${eta}`;
}

/** `1h02m03s`, `4m05s`, `6s`: the one duration format (the CLI prints times with it too). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (h > 0) return `${h}h${pad(m)}m${pad(s)}s`;
  if (m > 0) return `${m}m${pad(s)}s`;
  return `${s}s`;
}
