import {
  createTelemetrySnapshot,
  ErrorTracker,
  ProgressReporter,
  TrainingLogger,
} from '@prismind/telemetry';
import { type ProgressData, toProgressEvent } from './progress-event';
import type { RecentGames } from './recent-games';
import type { TrainingSession } from './session';
import type { RunStatus } from '../run-dir/status';

/** The numbers progress events carry besides the games. */
export function progressData(
  session: TrainingSession,
  partial?: Parameters<RecentGames['stats']>[0],
): ProgressData {
  return {
    recent: session.recent.stats(partial),
    errors: session.errors.summary().errors,
    elapsedMs: session.elapsedMs(),
    sessionGames: session.games - session.startGames,
  };
}

export function newErrorTracker(session: TrainingSession): ErrorTracker {
  return new ErrorTracker({ windowGames: session.deps.config.errorWindowGames });
}

export function newTrainingLogger(session: TrainingSession): TrainingLogger {
  const { telemetry } = session.deps;
  return new TrainingLogger({
    logger: telemetry.logger,
    metrics: telemetry.metrics,
    scalars: telemetry.tensorboard ?? undefined,
    totalGames: session.settings.targetGames,
    startGames: session.games,
    startElapsedMs: session.elapsedMs(),
    details: () =>
      createTelemetrySnapshot({
        convergence: session.convergence,
        memory: session.memory,
        errors: session.errors,
      }),
  });
}

export function newProgressReporter(session: TrainingSession): ProgressReporter<ProgressData> {
  session.progressDone = session.games;
  const reporter = new ProgressReporter<ProgressData>({
    total: session.settings.targetGames,
    initial: session.games,
    minIntervalMs: session.deps.config.progressIntervalMs,
  });
  reporter.subscribe((update) =>
    session.deps.onProgress?.(
      toProgressEvent(update, progressData(session), session.settings.targetGames),
    ),
  );
  return reporter;
}

/** The session's part of status.json (the rate only while training). */
export function statusFields(session: TrainingSession, training: boolean): Partial<RunStatus> {
  const errors = session.errors.summary();
  return {
    games: session.games,
    targetGames: session.settings.targetGames,
    backend: session.backend,
    gamesPerSecond: training ? (session.progress.last?.ratePerSecond ?? null) : null,
    elapsedSeconds: session.elapsedMs() / 1000,
    errors: {
      count: errors.errors,
      rate: errors.rate,
      byKind: errors.windowByKind,
      last: errors.lastErrors.map(({ kind, message, game }) => ({ kind, message, game })),
    },
    latestCheckpoint: session.lastCheckpoint,
    strength:
      session.strength.latest === undefined
        ? null
        : { latest: session.strength.latest, best: session.strength.best ?? null },
  };
}

/** Releases the engine (waiting at most a few seconds for it). */
