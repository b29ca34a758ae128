import { ConvergenceMonitor, ErrorTracker, type Logger } from '@prismind/telemetry';
import {
  disposeWithin,
  loadLatestCheckpoint,
  makeEngine,
  type RestoredCheckpoint,
} from './engine-lifecycle';
import { describeError, TrainerError } from './errors';
import type { TrainingSession } from './session';
import { newErrorTracker, newProgressReporter, newTrainingLogger } from './session-telemetry';
import type { EngineBatchError } from './watchdog';

/**
 * A hung or crashed batch: the engine is disposed (without waiting for ever) and a new one starts
 * from the latest checkpoint (or a fresh model when the run has none); the games since are
 * played again. More than `maxRestarts` restarts without a checkpoint in between fail the run.
 */
export async function recoverEngine(
  session: TrainingSession,
  failure: EngineBatchError,
): Promise<void> {
  const { deps } = session;
  session.engineRestarts += 1;
  session.restartsSinceCheckpoint += 1;
  const reached = session.games;
  deps.log.error(
    { event: 'engine_failed', kind: failure.kind, err: failure.message, games: reached },
    `engine batch failed (${failure.kind}: ${failure.message}); restarting the engine`,
  );
  if (session.restartsSinceCheckpoint > deps.config.watchdog.maxRestarts) {
    throw new TrainerError(
      'TRAINING_FAILED',
      `the engine failed ${session.restartsSinceCheckpoint} times without a checkpoint in between (last: ${failure.message})`,
      { cause: failure },
    );
  }
  const old = session.engine;
  try {
    old.requestStop();
  } catch {
    // a crashed engine may refuse even this
  }
  await disposeWithin(old, 2_000);
  const made = await makeEngine(deps.config, deps.log, session.engineRestarts, session.backend);
  session.engine = made.engine;
  const restored = await loadLatestCheckpoint(deps.checkpoints);
  if (restored !== undefined) restoreCheckpoint(session, restored, true);
  else resetToFresh(session);
  session.errors.recordError(failure.kind, failure.message, reached);
  session.training = newTrainingLogger(session);
  session.progress = newProgressReporter(session);
  deps.log.warn(
    { event: 'engine_restarted', games: session.games, lostGames: reached - session.games },
    `engine restarted from ${restored?.path ?? 'a fresh model'} (${session.games} games)`,
  );
  deps.emitter.emit('engine-restart', {
    games: session.games,
    lostGames: reached - session.games,
    cause: failure.message,
    restarts: session.engineRestarts,
  });
}

/** Puts a checkpoint into the engine and the monitors. A rollback keeps the clock running. */
export function restoreCheckpoint(
  session: TrainingSession,
  restored: RestoredCheckpoint,
  rollback: boolean,
): void {
  const { model, metadata } = restored;
  session.engine.setState(model);
  session.games = model.games;
  session.seed = metadata.run.seed;
  session.lastSavedGames = model.games;
  session.lastCheckpoint = {
    path: restored.path,
    games: model.games,
    savedAt: new Date(restored.timestamp).toISOString(),
  };
  session.convergence = restoreOr(
    () => ConvergenceMonitor.fromJSON(metadata.monitors.convergence),
    () => new ConvergenceMonitor(),
    session.deps.log,
  );
  session.errors = restoreOr(
    () => {
      const tracker = ErrorTracker.fromJSON(metadata.monitors.errors);
      if (tracker.windowGames !== session.deps.config.errorWindowGames) throw new Error('window');
      return tracker;
    },
    () => newErrorTracker(session),
    session.deps.log,
  );
  session.weightResets = metadata.training.weightResets;
  if (!rollback) session.elapsedBaseMs = metadata.training.elapsedMs;
  session.recent.clear();
}

function resetToFresh(session: TrainingSession): void {
  session.games = 0;
  session.lastSavedGames = undefined;
  session.lastCheckpoint = null;
  session.convergence = new ConvergenceMonitor();
  session.errors = newErrorTracker(session);
  session.recent.clear();
}

function restoreOr<T>(restore: () => T, fresh: () => T, log: Logger): T {
  try {
    return restore();
  } catch (error) {
    log.info({ err: describeError(error) }, 'monitor state not restored; starting it afresh');
    return fresh();
  }
}
