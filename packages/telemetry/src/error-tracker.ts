import { type Clock, systemClock } from './clock';
import { TelemetryError } from './errors';
import { parseStateJson, requireInt, requireIntOption } from './validate';

export interface ErrorTrackerOptions {
  /** Games per window. Default 10,000. */
  windowGames?: number | undefined;
  /** The window slides in this many buckets (windowGames must divide evenly). Default 10. */
  buckets?: number | undefined;
  /** How many recent messages `summary()` keeps. Default 5. */
  keepMessages?: number | undefined;
  clock?: Clock | undefined;
}

export interface TrackedError {
  kind: string;
  message: string;
  /** The game it happened in, when known. */
  game?: number | undefined;
  /** ms since the epoch. */
  time: number;
}

export interface ErrorSummary {
  /** Games recorded over the whole run. */
  games: number;
  /** Errors recorded over the whole run. */
  errors: number;
  byKind: Record<string, number>;
  /** Games and errors in the sliding window. */
  windowGames: number;
  windowErrors: number;
  windowByKind: Record<string, number>;
  /** windowErrors / windowGames (0 with no games). */
  rate: number;
  /** Most recent last. */
  lastErrors: TrackedError[];
}

interface Bucket {
  games: number;
  errors: number;
  byKind: Record<string, number>;
}

/** What `toJSON()` returns and `fromJSON()` takes (saved in checkpoints). */
export interface ErrorTrackerState {
  version: 1;
  windowGames: number;
  buckets: number;
  keepMessages: number;
  games: number;
  errors: number;
  byKind: Record<string, number>;
  /** Completed buckets (at most buckets - 1), oldest first, then the current one last. */
  window: Bucket[];
  lastErrors: TrackedError[];
}

/**
 * Errors per window of games, by kind. The window slides in buckets: it holds the current bucket
 * and up to `buckets - 1` completed ones, i.e. the last 9,000 to 10,000 games by default.
 * Count every game attempted with `recordGames` (failed ones too) and every error with
 * `recordError`; the rate is errors / games in the window.
 */
export class ErrorTracker {
  readonly windowGames: number;
  readonly buckets: number;
  readonly keepMessages: number;
  private readonly clock: Clock;
  private readonly bucketGames: number;
  private games = 0;
  private errors = 0;
  private byKind: Record<string, number> = {};
  private window: Bucket[] = [emptyBucket()];
  private lastErrors: TrackedError[] = [];

  constructor(options: ErrorTrackerOptions = {}) {
    this.windowGames = options.windowGames ?? 10_000;
    this.buckets = options.buckets ?? 10;
    this.keepMessages = options.keepMessages ?? 5;
    this.clock = options.clock ?? systemClock;
    requireIntOption(this.windowGames, 'windowGames');
    requireIntOption(this.buckets, 'buckets');
    requireIntOption(this.keepMessages, 'keepMessages', 0);
    if (this.windowGames % this.buckets !== 0) {
      throw new TelemetryError(
        'INVALID_OPTIONS',
        `option windowGames (${this.windowGames}) must be a multiple of buckets (${this.buckets})`,
      );
    }
    this.bucketGames = this.windowGames / this.buckets;
  }

  /** Counts `count` games attempted (including failed ones). */
  recordGames(count = 1): void {
    requireInt(count, 'count');
    this.games += count;
    let left = count;
    while (left > 0) {
      const current = this.window[this.window.length - 1]!;
      const take = Math.min(left, this.bucketGames - current.games);
      current.games += take;
      left -= take;
      if (current.games >= this.bucketGames) {
        this.window.push(emptyBucket());
        if (this.window.length > this.buckets) this.window.shift();
        // whole buckets that would slide out again before the batch ends: skip them
        if (left > this.windowGames) {
          left -= Math.floor((left - this.windowGames) / this.bucketGames) * this.bucketGames;
        }
      }
    }
  }

  /** Records one error of `kind` (e.g. `game_failed`, `nan_weights`, `checkpoint_save`). */
  recordError(kind: string, message: string, game?: number): void {
    if (typeof kind !== 'string' || kind === '') {
      throw new TelemetryError('INVALID_ARGUMENT', 'error kind must be a non-empty string');
    }
    const current = this.window[this.window.length - 1]!;
    current.errors += 1;
    current.byKind[kind] = (current.byKind[kind] ?? 0) + 1;
    this.errors += 1;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    if (this.keepMessages === 0) return;
    this.lastErrors.push({ kind, message: String(message), game, time: this.clock() });
    if (this.lastErrors.length > this.keepMessages) this.lastErrors.shift();
  }

  /** Errors per game in the window (0 with no games). */
  rate(): number {
    const { games, errors } = this.windowTotals();
    return games === 0 ? 0 : errors / games;
  }

  /**
   * True when the window's errors pass `threshold` of a full window:
   * windowErrors > threshold × max(windowGames seen, windowGames option). Measuring against a full
   * window means one failure in the first 50 games does not trip a 1% threshold.
   */
  exceeds(threshold = 0.01): boolean {
    const { games, errors } = this.windowTotals();
    return errors > threshold * Math.max(games, this.windowGames);
  }

  summary(): ErrorSummary {
    const totals = this.windowTotals();
    const windowByKind: Record<string, number> = {};
    for (const bucket of this.window) {
      for (const [kind, n] of Object.entries(bucket.byKind)) {
        windowByKind[kind] = (windowByKind[kind] ?? 0) + n;
      }
    }
    return {
      games: this.games,
      errors: this.errors,
      byKind: { ...this.byKind },
      windowGames: totals.games,
      windowErrors: totals.errors,
      windowByKind,
      rate: totals.games === 0 ? 0 : totals.errors / totals.games,
      lastErrors: this.lastErrors.map((e) => ({ ...e })),
    };
  }

  toJSON(): ErrorTrackerState {
    return {
      version: 1,
      windowGames: this.windowGames,
      buckets: this.buckets,
      keepMessages: this.keepMessages,
      games: this.games,
      errors: this.errors,
      byKind: { ...this.byKind },
      window: this.window.map((b) => ({ ...b, byKind: { ...b.byKind } })),
      lastErrors: this.lastErrors.map((e) => ({ ...e })),
    };
  }

  /** Restores a tracker from `toJSON()` output (or its JSON text); INVALID_STATE if malformed. */
  static fromJSON(state: unknown, options: { clock?: Clock } = {}): ErrorTracker {
    const s = (
      typeof state === 'string' ? parseStateJson(state) : state
    ) as Partial<ErrorTrackerState>;
    const bad = (why: string): TelemetryError =>
      new TelemetryError('INVALID_STATE', `ErrorTracker state: ${why}`);
    if (typeof s !== 'object' || s === null) throw bad('expected an object');
    if (s.version !== 1) throw bad(`unsupported version ${String(s.version)}, expected 1`);
    let tracker: ErrorTracker;
    try {
      tracker = new ErrorTracker({
        windowGames: s.windowGames,
        buckets: s.buckets,
        keepMessages: s.keepMessages,
        clock: options.clock,
      });
    } catch (error) {
      throw bad(`settings invalid: ${(error as Error).message}`);
    }
    if (!isCount(s.games) || !isCount(s.errors)) throw bad('games/errors not counts');
    if (!isKindCounts(s.byKind)) throw bad('byKind malformed');
    if (!Array.isArray(s.window) || s.window.length < 1 || s.window.length > tracker.buckets) {
      throw bad(`window must hold 1 to ${tracker.buckets} buckets`);
    }
    if (!s.window.every((b) => isBucket(b, tracker.bucketGames)))
      throw bad('window bucket malformed');
    if (!Array.isArray(s.lastErrors) || !s.lastErrors.every(isTrackedError)) {
      throw bad('lastErrors malformed');
    }
    tracker.games = s.games;
    tracker.errors = s.errors;
    tracker.byKind = { ...s.byKind };
    tracker.window = s.window.map((b) => ({ ...b, byKind: { ...b.byKind } }));
    tracker.lastErrors = s.lastErrors.slice(-tracker.keepMessages).map((e) => ({ ...e }));
    return tracker;
  }

  private windowTotals(): { games: number; errors: number } {
    let games = 0;
    let errors = 0;
    for (const bucket of this.window) {
      games += bucket.games;
      errors += bucket.errors;
    }
    return { games, errors };
  }
}

function emptyBucket(): Bucket {
  return { games: 0, errors: 0, byKind: {} };
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isKindCounts(value: unknown): value is Record<string, number> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(isCount)
  );
}

function isBucket(value: unknown, bucketGames: number): value is Bucket {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Partial<Bucket>;
  return isCount(b.games) && b.games <= bucketGames && isCount(b.errors) && isKindCounts(b.byKind);
}

function isTrackedError(value: unknown): value is TrackedError {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<TrackedError>;
  return (
    typeof e.kind === 'string' &&
    typeof e.message === 'string' &&
    typeof e.time === 'number' &&
    (e.game === undefined || typeof e.game === 'number')
  );
}
