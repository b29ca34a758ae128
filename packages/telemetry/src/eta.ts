import { TelemetryError } from './errors';
import { requireFinite, requireRangeOption } from './validate';

export interface EtaEstimatorOptions {
  /**
   * How fast the smoothed rate follows a change: after this much time at a new speed, half of the
   * gap is closed. Default 30,000 ms.
   */
  halfLifeMs?: number | undefined;
  /** Samples closer together than this are merged into the next one (no 0 ms spans). Default 200 ms. */
  minSampleMs?: number | undefined;
}

/**
 * A smoothed rate (units per second) and the time left to a total. The rate is an exponential
 * moving average of the rate over each sample span, weighted by the span's length
 * (alpha = 1 - 2^(-span / halfLife)), so irregular sampling does not bias it. The average is
 * bias-corrected (divided by the weight seen so far, as Adam does for its moments): until a
 * half-life has passed it is the time-weighted mean of all spans, so a slow first span (start-up)
 * does not hold the rate down for the whole of a short run.
 */
export class EtaEstimator {
  private readonly halfLifeMs: number;
  private readonly minSampleMs: number;
  private anchor: { done: number; time: number } | null = null;
  private smoothed: number | undefined = undefined;
  private weightedRate = 0;
  private weight = 0;

  constructor(options: EtaEstimatorOptions = {}) {
    this.halfLifeMs = options.halfLifeMs ?? 30_000;
    this.minSampleMs = options.minSampleMs ?? 200;
    requireRangeOption(this.halfLifeMs, 'halfLifeMs', 1, Number.MAX_SAFE_INTEGER);
    requireRangeOption(this.minSampleMs, 'minSampleMs', 0, Number.MAX_SAFE_INTEGER);
  }

  /** Records that `done` units were complete at time `nowMs`. `done` must not go backwards. */
  observe(done: number, nowMs: number): void {
    requireFinite(done, 'done');
    requireFinite(nowMs, 'nowMs');
    if (this.anchor === null) {
      this.anchor = { done, time: nowMs };
      return;
    }
    if (done < this.anchor.done) {
      throw new TelemetryError(
        'INVALID_ARGUMENT',
        `progress went backwards: ${done} after ${this.anchor.done}; call reset() to start over`,
        { details: { done, previous: this.anchor.done } },
      );
    }
    const span = nowMs - this.anchor.time;
    if (span < this.minSampleMs || span <= 0) return;
    const rate = ((done - this.anchor.done) / span) * 1000;
    const alpha = 1 - 2 ** (-span / this.halfLifeMs);
    this.weightedRate += alpha * (rate - this.weightedRate);
    this.weight += alpha * (1 - this.weight);
    this.smoothed = this.weightedRate / this.weight;
    this.anchor = { done, time: nowMs };
  }

  /** Smoothed units per second; undefined until one full sample span was seen. */
  rate(): number | undefined {
    return this.smoothed;
  }

  /** Milliseconds until `total` at the smoothed rate; undefined while unknown or stalled. */
  etaMs(done: number, total: number): number | undefined {
    if (done >= total) return 0;
    const rate = this.smoothed;
    if (rate === undefined || !(rate > 0)) return undefined;
    return ((total - done) / rate) * 1000;
  }

  reset(): void {
    this.anchor = null;
    this.smoothed = undefined;
    this.weightedRate = 0;
    this.weight = 0;
  }
}
