/**
 * A time series kept at a bounded size however long the run: points (x ascending, x = games) go
 * into buckets of `width` points each; when there are `capacity` buckets, neighbours merge in
 * pairs and the width doubles. Each bucket keeps its last x, the mean, the minimum and the maximum,
 * so a 10-million-game run and a 1,000-point one both come out as at most `capacity` buckets whose
 * spikes are still visible (the min/max band), at O(capacity) memory and O(1) per point.
 */

interface Bucket {
  x: number;
  n: number;
  sum: number;
  min: number;
  max: number;
}

/** A downsampled series as the page gets it: parallel arrays, ready for uPlot. */
export interface SeriesData {
  x: number[];
  mean: number[];
  min: number[];
  max: number[];
  /** Points that went in. */
  points: number;
}

export const DEFAULT_SERIES_CAPACITY = 512;

export class DownsampledSeries {
  private buckets: Bucket[] = [];
  private width = 1;
  private count = 0;
  private lastX = Number.NEGATIVE_INFINITY;

  constructor(private readonly capacity: number = DEFAULT_SERIES_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 2 || capacity % 2 !== 0) {
      throw new RangeError(`series capacity ${capacity}: expected an even integer of at least 2`);
    }
  }

  /** Points added so far. */
  get points(): number {
    return this.count;
  }

  /**
   * Adds a point. Non-finite values and points behind the last x (a resumed run replays the
   * stretch after its checkpoint) are left out: the series shows each game count once.
   */
  add(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y) || x < this.lastX) return;
    this.lastX = x;
    this.count++;
    const last = this.buckets[this.buckets.length - 1];
    if (last !== undefined && last.n < this.width) {
      last.x = x;
      last.n++;
      last.sum += y;
      last.min = Math.min(last.min, y);
      last.max = Math.max(last.max, y);
      return;
    }
    if (this.buckets.length === this.capacity) this.halve();
    this.buckets.push({ x, n: 1, sum: y, min: y, max: y });
  }

  private halve(): void {
    const merged: Bucket[] = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i]!;
      const b = this.buckets[i + 1];
      merged.push(
        b === undefined
          ? a
          : {
              x: b.x,
              n: a.n + b.n,
              sum: a.sum + b.sum,
              min: Math.min(a.min, b.min),
              max: Math.max(a.max, b.max),
            },
      );
    }
    this.buckets = merged;
    this.width *= 2;
  }

  toJSON(): SeriesData {
    return {
      x: this.buckets.map((b) => b.x),
      mean: this.buckets.map((b) => b.sum / b.n),
      min: this.buckets.map((b) => b.min),
      max: this.buckets.map((b) => b.max),
      points: this.count,
    };
  }
}
