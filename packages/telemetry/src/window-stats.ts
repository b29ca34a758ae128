/**
 * Sums over a block of games, kept so that blocks can be merged exactly: disc differences and TD
 * errors as sums, evaluations as (count, mean, M2) for Welford's variance and Chan's merge.
 */
export interface WindowStats {
  games: number;
  discDiffSum: number;
  absDiscDiffSum: number;
  /** Games (or batches' games) that reported a TD error. */
  tdErrorGames: number;
  /** Sum over those games of the mean |TD error| per game. */
  tdErrorSum: number;
  evalCount: number;
  evalMean: number;
  evalM2: number;
}

export function emptyWindow(): WindowStats {
  return {
    games: 0,
    discDiffSum: 0,
    absDiscDiffSum: 0,
    tdErrorGames: 0,
    tdErrorSum: 0,
    evalCount: 0,
    evalMean: 0,
    evalM2: 0,
  };
}

/** Adds one evaluation to the window's running variance (Welford). */
export function addEvaluation(w: WindowStats, value: number): void {
  w.evalCount += 1;
  const delta = value - w.evalMean;
  w.evalMean += delta / w.evalCount;
  w.evalM2 += delta * (value - w.evalMean);
}

/** Merges windows into one (Chan et al. for the evaluation variance). */
export function mergeWindows(windows: readonly WindowStats[]): WindowStats {
  const out = emptyWindow();
  for (const w of windows) {
    out.games += w.games;
    out.discDiffSum += w.discDiffSum;
    out.absDiscDiffSum += w.absDiscDiffSum;
    out.tdErrorGames += w.tdErrorGames;
    out.tdErrorSum += w.tdErrorSum;
    if (w.evalCount === 0) continue;
    const n = out.evalCount + w.evalCount;
    const delta = w.evalMean - out.evalMean;
    out.evalMean += (delta * w.evalCount) / n;
    out.evalM2 += w.evalM2 + (delta * delta * out.evalCount * w.evalCount) / n;
    out.evalCount = n;
  }
  return out;
}

export function isWindowStats(value: unknown): value is WindowStats {
  if (typeof value !== 'object' || value === null) return false;
  const w = value as Record<string, unknown>;
  const keys: (keyof WindowStats)[] = [
    'games',
    'discDiffSum',
    'absDiscDiffSum',
    'tdErrorGames',
    'tdErrorSum',
    'evalCount',
    'evalMean',
    'evalM2',
  ];
  return (
    keys.every((k) => typeof w[k] === 'number' && Number.isFinite(w[k])) &&
    (w.games as number) >= 0 &&
    (w.tdErrorGames as number) >= 0 &&
    (w.evalCount as number) >= 0 &&
    (w.evalM2 as number) >= 0
  );
}
