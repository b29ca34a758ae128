/**
 * Statistics of match results: score intervals, Elo, disc-difference intervals. A game scores 1
 * for a win, 0.5 for a draw, 0 for a loss, from the evaluated player's view.
 */

/** The two-sided 95% normal quantile. */
export const Z95: number = 1.959963984540054;

/** A closed interval [low, high]. */
export interface Interval {
  low: number;
  high: number;
}

/** Win/draw/loss counts from one player's view. */
export interface Wdl {
  wins: number;
  draws: number;
  losses: number;
}

/** Points (win 1, draw ½) over games; NaN for no games. */
export function scoreOf(wdl: Wdl): number {
  const n = wdl.wins + wdl.draws + wdl.losses;
  return n === 0 ? Number.NaN : (wdl.wins + wdl.draws / 2) / n;
}

/**
 * Wilson score interval for `points` successes in `n` trials (points may be fractional: wins plus
 * half the draws). Chosen over the plain normal interval because it stays inside [0, 1] and is
 * not degenerate at 0% or 100% (a model that wins every game still gets an honest lower bound).
 * Counting a draw as half a success overstates the variance a little, so with draws it is
 * slightly conservative.
 */
export function wilsonInterval(points: number, n: number, z: number = Z95): Interval {
  if (!(n > 0)) return { low: 0, high: 1 };
  const p = points / n;
  const z2n = (z * z) / n;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // at 0% and 100% one bound is exactly 0 or 1; say so rather than leave a rounding error
  return {
    low: p === 0 ? 0 : Math.max(0, center - half),
    high: p === 1 ? 1 : Math.min(1, center + half),
  };
}

/** The Wilson interval of a win/draw/loss record's score. */
export function scoreInterval(wdl: Wdl, z: number = Z95): Interval {
  const n = wdl.wins + wdl.draws + wdl.losses;
  return wilsonInterval(wdl.wins + wdl.draws / 2, n, z);
}

/**
 * Elo difference implied by an expected score under the logistic model:
 * −400 · log10(1/s − 1), computed as 400 · log10(s / (1 − s)) (the same, and +0 at s = ½). A score of 1 is +Infinity, 0 is −Infinity (no finite rating explains it).
 */
export function eloFromScore(score: number): number {
  if (score >= 1) return Number.POSITIVE_INFINITY;
  if (score <= 0) return Number.NEGATIVE_INFINITY;
  return 400 * Math.log10(score / (1 - score));
}

/** Expected score of a player `elo` points stronger: 1 / (1 + 10^(−elo/400)). */
export function scoreFromElo(elo: number): number {
  return 1 / (1 + 10 ** (-elo / 400));
}

/**
 * Elo with its interval, by transforming the Wilson interval of the score (Elo is monotone in
 * the score, so the image of a 95% interval is a 95% interval; unlike the delta method it stays
 * asymmetric where it should, near 0% and 100%).
 */
export function eloInterval(wdl: Wdl, z: number = Z95): { elo: number; interval: Interval } {
  const s = scoreInterval(wdl, z);
  return {
    elo: eloFromScore(scoreOf(wdl)),
    interval: { low: eloFromScore(s.low), high: eloFromScore(s.high) },
  };
}

/**
 * The delta-method standard error of an Elo estimate from a score and its standard error:
 * d elo / d s = 400 / (ln 10 · s · (1 − s)). Offered for comparisons with tools that use it.
 */
export function eloStandardError(score: number, scoreStdError: number): number {
  return (400 / Math.LN10) * (scoreStdError / (score * (1 - score)));
}

/**
 * Standard error of the mean score per game from the trinomial sample variance (draws count as
 * ½): sqrt(var / n), var = Σ (x − s)² / n.
 */
export function scoreStandardError(wdl: Wdl): number {
  const n = wdl.wins + wdl.draws + wdl.losses;
  if (n === 0) return Number.NaN;
  const s = scoreOf(wdl);
  const variance = (wdl.wins * (1 - s) ** 2 + wdl.draws * (0.5 - s) ** 2 + wdl.losses * s ** 2) / n;
  return Math.sqrt(variance / n);
}

/** Mean and normal interval of a sample (sample standard deviation, n − 1). */
export function meanInterval(
  values: readonly number[],
  z: number = Z95,
): { mean: number; interval: Interval } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, interval: { low: Number.NaN, high: Number.NaN } };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  // one value says nothing about the spread
  if (n === 1) return { mean, interval: { low: -Infinity, high: Infinity } };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const half = z * Math.sqrt(squares / (n - 1) / n);
  return { mean, interval: { low: mean - half, high: mean + half } };
}
