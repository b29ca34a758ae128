import type { ModelState } from '@prismind/board/contracts';
import { isCheckpointError } from '@prismind/checkpoint';
import { describeError } from './errors';
import type { CheckpointReason } from './events';
import { type CheckpointMetadata, resetNonFinite, toCheckpointState } from './model-checkpoint';
import type { TrainingSession } from './session';

/** Divergent weights logged one by one per checkpoint; the rest are counted. */
const MAX_LOGGED_WEIGHTS = 20;

/** A checkpoint that could not be written: the system code (ENOSPC, EACCES, ...) and the message. */
export interface SaveFailure {
  errno: string;
  message: string;
}

function saveFailureOf(error: unknown): SaveFailure {
  const errno = isCheckpointError(error) ? error.details.errno : undefined;
  return {
    errno: typeof errno === 'string' ? errno : 'EUNKNOWN',
    message: describeError(error).message,
  };
}

/** The reason a run shows while paused by a failed save: `checkpoint-failed: disk full (ENOSPC)`. */
export function saveFailureReason(failure: SaveFailure): string {
  const what = failure.errno === 'ENOSPC' ? 'disk full (ENOSPC)' : failure.errno;
  return `checkpoint-failed: ${what}`;
}

/**
 * Saves the model (unless this exact state is saved already). Non-finite weights are reset and
 * logged first. A failed save (after the checkpoint manager's one retry) is logged, counted and
 * reported, and resolves to what went wrong: the manager pauses the run on it, since training on
 * without a checkpoint would only pile up games nobody can get back. Resolves to undefined when a
 * checkpoint of this state is on disk.
 */
export async function saveCheckpoint(
  session: TrainingSession,
  reason: CheckpointReason,
): Promise<SaveFailure | undefined> {
  if (session.lastSavedGames === session.games) return undefined;
  const { deps } = session;
  const state = session.engine.getState();
  if (state.games !== session.games) {
    deps.log.warn(
      { event: 'games_mismatch', counted: session.games, engine: state.games },
      'the engine counts a different number of games; trusting the engine',
    );
    session.games = state.games;
  }
  scanWeights(session, state);
  try {
    const saved = await deps.checkpoints.save(
      toCheckpointState(state, checkpointMetadata(session)),
    );
    const savedAt = new Date().toISOString();
    session.lastCheckpoint = { path: saved.path, games: saved.gamesCompleted, savedAt };
    session.lastSavedGames = saved.gamesCompleted;
    session.lastSaveAt = performance.now();
    session.restartsSinceCheckpoint = 0;
    session.training.checkpointSaved({
      games: saved.gamesCompleted,
      path: saved.path,
      bytes: saved.bytes,
      durationMs: Math.round(saved.seconds * 1000),
    });
    deps.emitter.emit('checkpoint', {
      games: saved.gamesCompleted,
      path: saved.path,
      bytes: saved.bytes,
      seconds: saved.seconds,
      attempts: saved.attempts,
      reason,
    });
    session.memory.check();
    return undefined;
  } catch (error) {
    const failure = saveFailureOf(error);
    const { message } = failure;
    session.training.checkpointFailed({
      games: session.games,
      path: deps.checkpoints.dir,
      error: message,
      willRetry: false,
    });
    session.errors.recordError('checkpoint_save', message, session.games);
    deps.emitter.emit('checkpoint-failed', {
      games: session.games,
      reason,
      error: message,
      errno: failure.errno,
    });
    return failure;
  }
}

/** What a checkpoint of the session records besides the model: run, monitors, training time. */
export function checkpointMetadata(
  session: TrainingSession,
): Omit<CheckpointMetadata, 'format' | 'version' | 'model'> {
  return {
    run: {
      runId: session.deps.runId,
      seed: session.seed,
      backend: session.backend,
      settings: session.settings,
    },
    monitors: { convergence: session.convergence.toJSON(), errors: session.errors.toJSON() },
    training: { elapsedMs: session.elapsedMs(), weightResets: session.weightResets },
  };
}

function scanWeights(session: TrainingSession, state: ModelState): void {
  const bad = resetNonFinite(state);
  if (bad.length === 0) return;
  bad.slice(0, MAX_LOGGED_WEIGHTS).forEach((w) => {
    session.training.divergence({
      pattern: w.pattern,
      stage: w.stage,
      index: w.index,
      value: Number.isFinite(w.weight) ? (Number.isFinite(w.adamM) ? w.adamV : w.adamM) : w.weight,
      games: session.games,
      action: 'reset',
    });
  });
  session.deps.log.warn(
    { event: 'weights_reset', resets: bad.length, games: session.games, source: 'checkpoint-scan' },
    `reset ${bad.length} non-finite weight(s) before the checkpoint`,
  );
  // getState() may hand out copies: put the repaired arrays back
  session.engine.setState(state);
  session.weightResets += bad.length;
  session.deps.emitter.emit('weights-reset', {
    count: bad.length,
    source: 'checkpoint-scan',
    games: session.games,
  });
}
