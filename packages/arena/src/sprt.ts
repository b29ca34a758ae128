import { PrismindError } from '@prismind/board/contracts';
import { scoreFromElo, type Wdl } from './stats';

/** A sequential probability ratio test between two Elo hypotheses. */
export interface SprtOptions {
  /** H0: the Elo difference is elo0 (typically 0). */
  elo0: number;
  /** H1: the Elo difference is elo1 (> elo0). */
  elo1: number;
  /** False-positive rate (accepting H1 when H0 holds). Default 0.05. */
  alpha?: number | undefined;
  /** False-negative rate (accepting H0 when H1 holds). Default 0.05. */
  beta?: number | undefined;
}

export type SprtDecision = 'H0' | 'H1' | null;

export interface SprtState {
  elo0: number;
  elo1: number;
  alpha: number;
  beta: number;
  /** Log-likelihood ratio of H1 against H0 so far. */
  llr: number;
  /** Accept H0 at or below this: ln(β / (1 − α)). */
  lower: number;
  /** Accept H1 at or above this: ln((1 − β) / α). */
  upper: number;
  /** 'H1' (the player is at least elo1 stronger), 'H0', or null: keep playing. */
  decision: SprtDecision;
}

/** Wald's stopping bounds for the log-likelihood ratio. */
export function sprtBounds(alpha: number, beta: number): { lower: number; upper: number } {
  return { lower: Math.log(beta / (1 - alpha)), upper: Math.log((1 - beta) / alpha) };
}

/** Pseudo-count added to each of wins, draws and losses before estimating mean and variance. */
export const SPRT_PRIOR: number = 0.5;

/**
 * The generalised SPRT's log-likelihood ratio for game results, with the usual normal
 * (trinomial) approximation:
 *
 *   LLR = N · (s1 − s0) · (2·s̄ − s0 − s1) / (2·σ²)
 *
 * which is N · ((s̄ − s0)² − (s̄ − s1)²) / (2σ²): the log ratio of two normal likelihoods with the
 * sample's variance. N is the number of games, s0 and s1 the expected scores of elo0 and elo1
 * (logistic: 1 / (1 + 10^(−elo/400))), s̄ the mean score and σ² the per-game variance of the
 * score (results 1, ½, 0). s̄ and σ² are estimated from the counts plus SPRT_PRIOR (½) on each
 * outcome, so that an unbroken run of wins (σ² = 0 in the raw counts) gives a finite LLR that
 * grows with N instead of an infinite one after one game; the prior's weight vanishes as N grows.
 */
export function sprtLlr(wdl: Wdl, elo0: number, elo1: number): number {
  const n = wdl.wins + wdl.draws + wdl.losses;
  if (n === 0) return 0;
  const w = wdl.wins + SPRT_PRIOR;
  const d = wdl.draws + SPRT_PRIOR;
  const l = wdl.losses + SPRT_PRIOR;
  const total = w + d + l;
  const mean = (w + d / 2) / total;
  const variance = (w * (1 - mean) ** 2 + d * (0.5 - mean) ** 2 + l * mean ** 2) / total;
  const s0 = scoreFromElo(elo0);
  const s1 = scoreFromElo(elo1);
  return (n * (s1 - s0) * (2 * mean - s0 - s1)) / (2 * variance);
}

/** Checks the options (INVALID_OPTIONS) and fills in the defaults. */
export function resolveSprt(options: SprtOptions): Required<SprtOptions> {
  const alpha = options.alpha ?? 0.05;
  const beta = options.beta ?? 0.05;
  const { elo0, elo1 } = options;
  if (!(Number.isFinite(elo0) && Number.isFinite(elo1) && elo1 > elo0)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `sprt: elo0 ${String(elo0)} and elo1 ${String(elo1)}; expected finite numbers with elo1 > elo0`,
      { details: { elo0, elo1 } },
    );
  }
  for (const [name, value] of [
    ['alpha', alpha],
    ['beta', beta],
  ] as const) {
    if (!(value > 0 && value < 0.5)) {
      throw new PrismindError(
        'INVALID_OPTIONS',
        `sprt: ${name} is ${String(value)}; expected a number in (0, 0.5)`,
        { details: { [name]: value } },
      );
    }
  }
  return { elo0, elo1, alpha, beta };
}

/** Where the test stands after the results so far. */
export function sprtStatus(wdl: Wdl, options: SprtOptions): SprtState {
  const o = resolveSprt(options);
  const { lower, upper } = sprtBounds(o.alpha, o.beta);
  const llr = sprtLlr(wdl, o.elo0, o.elo1);
  const decision: SprtDecision = llr >= upper ? 'H1' : llr <= lower ? 'H0' : null;
  return { ...o, llr, lower, upper, decision };
}
