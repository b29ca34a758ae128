import type { ProgressUpdate } from '@prismind/telemetry';
import type { TrainingProgressEvent } from './events';
import type { RecentStats } from './recent-games';

/** What a session hands its ProgressReporter with each update. */
export interface ProgressData {
  recent: RecentStats;
  errors: number;
  elapsedMs: number;
  sessionGames: number;
}

/** A throttled reporter update as the manager's rich progress event. */
export function toProgressEvent(
  update: ProgressUpdate<ProgressData>,
  fallback: ProgressData,
  targetGames: number,
): TrainingProgressEvent {
  const data = update.data ?? fallback;
  return {
    games: update.done,
    targetGames,
    fraction: Math.min(1, update.done / targetGames),
    sessionGames: data.sessionGames,
    avgDiscDiff: data.recent.avgDiscDiff,
    blackWinRate: data.recent.blackWinRate,
    whiteWinRate: data.recent.whiteWinRate,
    drawRate: data.recent.drawRate,
    gamesPerSecond: update.ratePerSecond,
    etaSeconds: update.etaMs === undefined ? undefined : update.etaMs / 1000,
    elapsedSeconds: data.elapsedMs / 1000,
    errors: data.errors,
    final: update.final,
  };
}
