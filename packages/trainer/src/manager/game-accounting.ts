import type { TrainBatchResult } from '@prismind/board/contracts';
import { ErrorTracker } from '@prismind/telemetry';
import { appendStoredGames } from '../run-dir/stored-games';
import type { ErrorPattern } from './events';
import type { TrainingSession } from './session';
import { progressData } from './session-telemetry';

/** Failed games logged one by one per batch; the rest are counted. */
const MAX_LOGGED_FAILURES = 10;

/** Books a finished batch: games, failures, resets, monitors, telemetry, progress. */
export function accountBatch(
  session: TrainingSession,
  size: number,
  result: TrainBatchResult,
): void {
  const { log, emitter } = session.deps;
  const failed = result.failedGames;
  const consumed = result.stopped ? result.gamesCompleted + failed : size;
  session.games += consumed;
  session.errors.recordGames(consumed);
  result.failures.forEach((failure, i) => {
    session.errors.recordError(failure.kind, failure.message, failure.game);
    if (i < MAX_LOGGED_FAILURES) session.training.gameFailed(failure);
    emitter.emit('game-failed', failure);
  });
  for (let i = result.failures.length; i < failed; i++) {
    session.errors.recordError('game_failed', 'a failed game the engine did not list');
  }
  if (failed > MAX_LOGGED_FAILURES) {
    log.warn({ event: 'games_failed', failed, games: session.games }, `${failed} games failed`);
  }
  if (result.resets > 0) {
    session.weightResets += result.resets;
    log.warn(
      { event: 'weights_reset', resets: result.resets, games: session.games, source: 'engine' },
      `the engine reset ${result.resets} non-finite weight(s)`,
    );
    emitter.emit('weights-reset', { count: result.resets, source: 'engine', games: session.games });
  }
  const totals = {
    games: result.gamesCompleted,
    blackWins: result.blackWins,
    whiteWins: result.whiteWins,
    draws: result.draws,
    discDiffSum: result.avgDiscDiff * result.gamesCompleted,
  };
  session.recent.add(totals);
  // The monitor first: a detailed metrics line the logger writes now describes this batch too.
  if (result.gamesCompleted > 0) {
    session.convergence.observeBatch({
      games: result.gamesCompleted,
      avgDiscDiff: result.avgDiscDiff,
      avgAbsDiscDiff: result.avgAbsDiscDiff,
      avgTdError: result.avgTdError,
    });
  }
  session.training.recordGames({ ...totals, games: consumed });
  storeSampledGames(session, result);
  session.reportProgress(session.games, progressData(session));
}

/** The batch's sampled games into games.jsonl; a failed write costs the sample, never the run. */
function storeSampledGames(session: TrainingSession, result: TrainBatchResult): void {
  if (result.sampledGames.length === 0) return;
  const { config, log } = session.deps;
  try {
    appendStoredGames(config.runDir, result.sampledGames, config.storedGamesBytes);
  } catch (error) {
    log.warn(
      { event: 'games_not_stored', games: result.sampledGames.length, err: error },
      `could not store ${result.sampledGames.length} sampled game(s): ${(error as Error).message}`,
    );
  }
}

/** True when the error rate is over the threshold (window of errorWindowGames). */
export function errorStorm(session: TrainingSession): ErrorPattern | undefined {
  const { errorThreshold } = session.deps.config;
  if (!session.errors.exceeds(errorThreshold)) return undefined;
  return errorPattern(session);
}

/** The error window as events and status report it. */
export function errorPattern(session: TrainingSession): ErrorPattern {
  const s = session.errors.summary();
  return {
    rate: s.rate,
    threshold: session.deps.config.errorThreshold,
    windowGames: s.windowGames,
    windowErrors: s.windowErrors,
    byKind: s.windowByKind,
    lastErrors: s.lastErrors.map(({ kind, message, game }) => ({ kind, message, game })),
  };
}

/** After an error-storm pause the operator has seen the storm: the window starts afresh. */
export function clearErrorWindow(session: TrainingSession): void {
  const state = session.errors.toJSON();
  session.errors = ErrorTracker.fromJSON({
    ...state,
    window: [{ games: 0, errors: 0, byKind: {} }],
  });
}
