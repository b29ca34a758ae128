import { type Clock, systemClock } from './clock';
import { TelemetryError } from './errors';
import { EtaEstimator } from './eta';
import { requireFinite, requireRangeOption } from './validate';

/** One progress event, as listeners receive it (plain data, JSON-ready). */
export interface ProgressUpdate<T = undefined> {
  done: number;
  /** Undefined when the reporter has no total. */
  total: number | undefined;
  /** done / total in [0, 1], or undefined without a total. */
  fraction: number | undefined;
  elapsedMs: number;
  /** Smoothed units per second (undefined until measurable). */
  ratePerSecond: number | undefined;
  /** Estimated time left (undefined without a total or a rate). */
  etaMs: number | undefined;
  /** True for the last update, which is always delivered. */
  final: boolean;
  data: T | undefined;
}

export type ProgressListener<T> = (update: ProgressUpdate<T>) => void;

export interface ProgressReporterOptions<T> {
  total?: number | undefined;
  /** Units already done at the start (a resumed run), so the first rate is not inflated. Default 0. */
  initial?: number | undefined;
  /** At most one update per this many ms (the final one excepted). Default 250 (4 per second). */
  minIntervalMs?: number | undefined;
  clock?: Clock | undefined;
  /** Smoothing of the rate behind the ETA (see EtaEstimator). Default 10,000 ms. */
  rateHalfLifeMs?: number | undefined;
  onProgress?: ProgressListener<T> | undefined;
  /**
   * Where a listener's exception goes: progress never breaks the loop that reports it. Default:
   * one process warning for the first such error.
   */
  onListenerError?: ((error: unknown) => void) | undefined;
}

/**
 * Progress for programs and screens: `update()` may be called on every iteration of a hot loop;
 * listeners hear at most one update per `minIntervalMs` (the first update goes out at once), and
 * `finish()` always delivers the final one. Each update carries a smoothed rate and an ETA.
 */
export class ProgressReporter<T = undefined> {
  private readonly clock: Clock;
  private readonly minIntervalMs: number;
  private readonly listeners = new Set<ProgressListener<T>>();
  private readonly onListenerError: (error: unknown) => void;
  private readonly eta: EtaEstimator;
  private total: number | undefined;
  private readonly startedAt: number;
  private lastEmitAt = Number.NEGATIVE_INFINITY;
  private lastUpdate: ProgressUpdate<T> | null = null;
  private finished = false;
  private lastDone = 0;
  private lastData: T | undefined = undefined;
  private emittedCount = 0;

  constructor(options: ProgressReporterOptions<T> = {}) {
    this.clock = options.clock ?? systemClock;
    this.minIntervalMs = options.minIntervalMs ?? 250;
    requireRangeOption(this.minIntervalMs, 'minIntervalMs', 0, Number.MAX_SAFE_INTEGER);
    if (options.total !== undefined)
      requireRangeOption(options.total, 'total', 0, Number.MAX_VALUE);
    this.total = options.total;
    this.eta = new EtaEstimator({ halfLifeMs: options.rateHalfLifeMs ?? 10_000, minSampleMs: 0 });
    this.onListenerError = options.onListenerError ?? warnOnce();
    if (options.onProgress) this.listeners.add(options.onProgress);
    this.lastDone = options.initial ?? 0;
    requireRangeOption(this.lastDone, 'initial', 0, Number.MAX_VALUE);
    this.startedAt = this.clock();
    this.eta.observe(this.lastDone, this.startedAt);
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: ProgressListener<T>): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Changes the total (e.g. a run extended while it trains). */
  setTotal(total: number | undefined): void {
    if (total !== undefined) requireFinite(total, 'total');
    this.total = total;
  }

  /**
   * Reports `done` units. Returns true when listeners were called. Reaching the total counts as
   * finishing. Ignored (false) after the final update.
   */
  update(done: number, data?: T): boolean {
    if (this.finished) return false;
    const now = this.clock();
    this.observe(done, now);
    this.lastData = data;
    if (this.total !== undefined && done >= this.total) return this.emit(done, data, now, true);
    if (now - this.lastEmitAt < this.minIntervalMs) return false;
    return this.emit(done, data, now, false);
  }

  /**
   * Delivers the final update (always, whatever the throttle says), by default with the last
   * `done` and data given to `update()`. Later calls do nothing.
   */
  finish(done?: number, data?: T): boolean {
    if (this.finished) return false;
    const now = this.clock();
    const value = done ?? this.lastDone;
    this.observe(value, now);
    return this.emit(value, data ?? this.lastData, now, true);
  }

  /** The last update delivered, or null. */
  get last(): ProgressUpdate<T> | null {
    return this.lastUpdate;
  }

  /** How many updates were delivered. */
  get emitted(): number {
    return this.emittedCount;
  }

  toJSON(): ProgressUpdate<T> | null {
    return this.lastUpdate;
  }

  private observe(done: number, now: number): void {
    requireFinite(done, 'done');
    if (done < this.lastDone) {
      throw new TelemetryError(
        'INVALID_ARGUMENT',
        `progress went backwards: ${done} after ${this.lastDone}`,
        { details: { done, previous: this.lastDone } },
      );
    }
    this.lastDone = done;
    this.eta.observe(done, now);
  }

  private emit(done: number, data: T | undefined, now: number, final: boolean): boolean {
    const total = this.total;
    const update: ProgressUpdate<T> = {
      done,
      total,
      fraction: total === undefined ? undefined : total === 0 ? 1 : Math.min(1, done / total),
      elapsedMs: now - this.startedAt,
      ratePerSecond: this.eta.rate(),
      etaMs: total === undefined ? undefined : this.eta.etaMs(done, total),
      final,
      data,
    };
    this.lastEmitAt = now;
    this.lastUpdate = update;
    this.finished = final;
    this.emittedCount += 1;
    for (const listener of this.listeners) {
      try {
        listener(update);
      } catch (error) {
        this.onListenerError(error);
      }
    }
    return true;
  }
}

function warnOnce(): (error: unknown) => void {
  let warned = false;
  return (error) => {
    if (warned) return;
    warned = true;
    process.emitWarning(
      `a progress listener threw (later errors are not reported): ${String(error)}`,
      'PrismindTelemetryWarning',
    );
  };
}
