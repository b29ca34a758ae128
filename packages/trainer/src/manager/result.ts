import type { BackendKind } from '@prismind/board/contracts';
import type { ErrorPattern } from './events';
import { errorPattern } from './game-accounting';
import type { TrainingSession } from './session';

/** What a finished run (or stretch of it) reports. */
export interface TrainingResult {
  outcome: 'completed' | 'stopped' | 'failed';
  /** Why it ended: 'target reached', 'request', 'control', 'error-rate', 'signal:SIGINT', ... */
  reason: string | null;
  runDir: string;
  /** Games of the whole run (failed ones included: their numbers are used up). */
  gamesCompleted: number;
  /** Games played by this process. */
  sessionGames: number;
  targetGames: number;
  /** Mean final disc difference (black minus white) over the last window of games. */
  finalDiscDiff: number;
  /** Games in that window (about the last 1,000 of this process). */
  windowGames: number;
  blackWinRate: number;
  whiteWinRate: number;
  drawRate: number;
  /** Time this process spent training (paused time excluded). */
  totalSeconds: number;
  /** sessionGames / totalSeconds. */
  gamesPerSecond: number;
  /** Errors over the whole run: failed games, failed checkpoint saves, engine restarts. */
  errorCount: number;
  /** The recent error pattern: rate, kinds, last messages. */
  errors: ErrorPattern & { byKindTotal: Record<string, number> };
  weightResets: number;
  engineRestarts: number;
  backend: BackendKind;
  backendReason: string;
  /** The newest checkpoint written or loaded, null if none. */
  latestCheckpoint: string | null;
}

export function buildResult(
  session: TrainingSession,
  runDir: string,
  outcome: TrainingResult['outcome'],
  reason: string | null,
): TrainingResult {
  const recent = session.recent.stats();
  const summary = session.errors.summary();
  const totalSeconds = session.sessionSeconds();
  const sessionGames = session.games - session.startGames;
  return {
    outcome,
    reason,
    runDir,
    gamesCompleted: session.games,
    sessionGames,
    targetGames: session.settings.targetGames,
    finalDiscDiff: recent.avgDiscDiff,
    windowGames: recent.games,
    blackWinRate: recent.blackWinRate,
    whiteWinRate: recent.whiteWinRate,
    drawRate: recent.drawRate,
    totalSeconds,
    gamesPerSecond: totalSeconds > 0 ? sessionGames / totalSeconds : 0,
    errorCount: summary.errors,
    errors: { ...errorPattern(session), byKindTotal: summary.byKind },
    weightResets: session.weightResets,
    engineRestarts: session.engineRestarts,
    backend: session.backend,
    backendReason: session.backendReason,
    latestCheckpoint: session.lastCheckpoint?.path ?? null,
  };
}
