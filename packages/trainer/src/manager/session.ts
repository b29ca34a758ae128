import type {
  BackendKind,
  Engine,
  ModelState,
  TrainBatchOptionsInput,
  TrainBatchResult,
  TrainProgress,
} from '@prismind/board/contracts';
import type { CheckpointManager } from '@prismind/checkpoint';
import {
  ConvergenceMonitor,
  createTelemetrySnapshot,
  ErrorTracker,
  type Logger,
  MemoryMonitor,
  ProgressReporter,
  type RunTelemetry,
  TrainingLogger,
} from '@prismind/telemetry';
import {
  disposeWithin,
  loadLatestCheckpoint,
  type MadeEngine,
  makeEngine,
  type RestoredCheckpoint,
} from './engine-lifecycle';
import { describeError, TrainerError } from './errors';
import type {
  CheckpointReason,
  ErrorPattern,
  TrainingEvents,
  TrainingProgressEvent,
  TypedEmitter,
} from './events';
import { resetNonFinite, toCheckpointState } from './model-checkpoint';
import type { ManagerConfig, TrainingSettings } from './options';
import { type ProgressData, toProgressEvent } from './progress-event';
import { RecentGames } from './recent-games';
import type { RunStatus } from '../run-dir/status';
import { type EngineBatchError, type WatchedBatch, watchBatch } from './watchdog';

/** Divergent weights logged one by one per checkpoint; the rest are counted. */
const MAX_LOGGED_WEIGHTS = 20;
/** Failed games logged one by one per batch; the rest are counted. */
const MAX_LOGGED_FAILURES = 10;

export interface SessionDeps {
  config: ManagerConfig;
  runId: string;
  telemetry: RunTelemetry;
  log: Logger;
  checkpoints: CheckpointManager;
  emitter: TypedEmitter<TrainingEvents>;
  onProgress: ((event: TrainingProgressEvent) => void) | undefined;
}

/**
 * One process's stretch of training on a run: the engine, the monitors, the counters, and the
 * operations the manager's loop strings together (a batch under the watchdog, its accounting, a
 * checkpoint, a recovery). The manager owns the states and requests; this owns the work.
 */
export class TrainingSession {
  engine: Engine;
  backend: BackendKind;
  backendReason: string;
  settings: TrainingSettings;
  seed: number;
  games = 0;
  readonly startGames: number;
  private readonly startElapsedMs: number;
  convergence: ConvergenceMonitor = new ConvergenceMonitor();
  errors: ErrorTracker;
  readonly memory: MemoryMonitor;
  training: TrainingLogger;
  progress: ProgressReporter<ProgressData>;
  readonly recent: RecentGames = new RecentGames();
  lastCheckpoint: { path: string; games: number; savedAt: string } | null = null;
  weightResets = 0;
  engineRestarts = 0;
  private readonly deps: SessionDeps;
  private lastSavedGames: number | undefined;
  private restartsSinceCheckpoint = 0;
  private elapsedBaseMs = 0;
  private activeSince: number | undefined;
  private inFlight: WatchedBatch<TrainBatchResult> | undefined;
  private progressDone = 0;

  constructor(
    deps: SessionDeps,
    engine: MadeEngine,
    settings: TrainingSettings,
    seed: number,
    restored: RestoredCheckpoint | undefined,
  ) {
    this.deps = deps;
    this.engine = engine.engine;
    this.backend = engine.backend;
    this.backendReason = engine.reason;
    this.settings = settings;
    this.seed = seed;
    this.errors = this.newErrorTracker();
    const { log, config } = deps;
    this.memory = new MemoryMonitor({ budgetBytes: config.memoryBudgetBytes, logger: log });
    const weightBytes = engine.engine.shape.totalWeights * 4;
    this.memory.register('weights', weightBytes);
    this.memory.register('optimizerState', 2 * weightBytes);
    if (restored !== undefined) this.restore(restored, false);
    this.startGames = this.games;
    this.startElapsedMs = this.elapsedBaseMs;
    this.training = this.newTrainingLogger();
    this.progress = this.newProgressReporter();
  }

  // ---- time ---------------------------------------------------------------------------------

  /** Training time of the whole run (time in the training state, earlier sessions included). */
  elapsedMs(): number {
    const running = this.activeSince === undefined ? 0 : performance.now() - this.activeSince;
    return this.elapsedBaseMs + running;
  }

  /** Training time of this process. */
  sessionSeconds(): number {
    return (this.elapsedMs() - this.startElapsedMs) / 1000;
  }

  /** Starts a stretch of training: the clock runs, progress starts afresh from here. */
  beginStretch(): void {
    if (this.activeSince === undefined) this.activeSince = performance.now();
    this.training = this.newTrainingLogger();
    this.progress = this.newProgressReporter();
  }

  /** Ends a stretch: the clock stops, progress delivers its final event. */
  endStretch(): void {
    if (this.activeSince !== undefined) {
      this.elapsedBaseMs += performance.now() - this.activeSince;
      this.activeSince = undefined;
    }
    this.progress.finish(this.games, this.progressData());
  }

  // ---- batches ------------------------------------------------------------------------------

  /** Games for the next batch: a chunk, never past the next checkpoint or the target. */
  nextBatchSize(): number {
    const { checkpointInterval, callbackInterval, targetGames } = this.settings;
    const toCheckpoint = checkpointInterval - (this.games % checkpointInterval);
    return Math.max(1, Math.min(callbackInterval, toCheckpoint, targetGames - this.games));
  }

  get batchInFlight(): boolean {
    return this.inFlight !== undefined;
  }

  /** Asks the batch in hand to stop (the engine settles within 100 ms); false if none runs. */
  interruptBatch(): boolean {
    const batch = this.inFlight;
    if (batch === undefined) return false;
    batch.stopRequested();
    try {
      this.engine.requestStop();
    } catch (error) {
      this.deps.log.warn(
        { err: describeError(error) },
        'requestStop failed; the watchdog takes over',
      );
    }
    return true;
  }

  /** Runs one batch under the watchdog; rejects with EngineBatchError when it hangs or fails. */
  async runBatch(size: number): Promise<TrainBatchResult> {
    const { settings, deps } = this;
    const options: TrainBatchOptionsInput = {
      games: size,
      threads: deps.config.threads,
      seed: this.seed,
      epsilon: settings.epsilon,
      search: { ...settings.search },
      learning: { lambda: settings.lambda, learningRate: settings.learningRate },
      progressEveryGames: Math.max(1, Math.min(size, Math.ceil(settings.callbackInterval / 10))),
    };
    const batchStart = this.games;
    let watched: WatchedBatch<TrainBatchResult> | undefined;
    const onProgress = (p: TrainProgress): void => {
      watched?.touch();
      this.onBatchProgress(batchStart, p);
    };
    const started = Promise.resolve().then(() => this.engine.train(options, onProgress));
    watched = watchBatch(started, {
      stallMs: deps.config.watchdog.stallSeconds * 1000,
      stopGraceMs: deps.config.watchdog.stopGraceSeconds * 1000,
    });
    this.inFlight = watched;
    try {
      return await watched.result;
    } finally {
      this.inFlight = undefined;
    }
  }

  private onBatchProgress(batchStart: number, p: TrainProgress): void {
    const done = batchStart + p.gamesDone;
    const completed = p.blackWins + p.whiteWins + p.draws;
    const partial = {
      games: completed,
      blackWins: p.blackWins,
      whiteWins: p.whiteWins,
      draws: p.draws,
      discDiffSum: p.avgDiscDiff * completed,
    };
    if (done > this.games) this.reportProgress(done, this.progressData(partial));
  }

  /** Progress never goes backwards (the reporter would throw): older news is dropped. */
  private reportProgress(done: number, data: ProgressData): void {
    if (done < this.progressDone) return;
    this.progressDone = done;
    this.progress.update(done, data);
  }

  /** Books a finished batch: games, failures, resets, monitors, telemetry, progress. */
  account(size: number, result: TrainBatchResult): void {
    const { log, emitter } = this.deps;
    const failed = result.failedGames;
    const consumed = result.stopped ? result.gamesCompleted + failed : size;
    this.games += consumed;
    this.errors.recordGames(consumed);
    result.failures.forEach((failure, i) => {
      this.errors.recordError(failure.kind, failure.message, failure.game);
      if (i < MAX_LOGGED_FAILURES) this.training.gameFailed(failure);
      emitter.emit('game-failed', failure);
    });
    for (let i = result.failures.length; i < failed; i++) {
      this.errors.recordError('game_failed', 'a failed game the engine did not list');
    }
    if (failed > MAX_LOGGED_FAILURES) {
      log.warn({ event: 'games_failed', failed, games: this.games }, `${failed} games failed`);
    }
    if (result.resets > 0) {
      this.weightResets += result.resets;
      log.warn(
        { event: 'weights_reset', resets: result.resets, games: this.games, source: 'engine' },
        `the engine reset ${result.resets} non-finite weight(s)`,
      );
      emitter.emit('weights-reset', { count: result.resets, source: 'engine', games: this.games });
    }
    const totals = {
      games: result.gamesCompleted,
      blackWins: result.blackWins,
      whiteWins: result.whiteWins,
      draws: result.draws,
      discDiffSum: result.avgDiscDiff * result.gamesCompleted,
    };
    this.recent.add(totals);
    this.training.recordGames({ ...totals, games: consumed });
    if (result.gamesCompleted > 0) {
      this.convergence.observeBatch({
        games: result.gamesCompleted,
        avgDiscDiff: result.avgDiscDiff,
        avgAbsDiscDiff: result.avgAbsDiscDiff,
      });
    }
    this.reportProgress(this.games, this.progressData());
  }

  /** True when the error rate is over the threshold (window of errorWindowGames). */
  errorStorm(): ErrorPattern | undefined {
    const { errorThreshold } = this.deps.config;
    if (!this.errors.exceeds(errorThreshold)) return undefined;
    return this.errorPattern();
  }

  errorPattern(): ErrorPattern {
    const s = this.errors.summary();
    return {
      rate: s.rate,
      threshold: this.deps.config.errorThreshold,
      windowGames: s.windowGames,
      windowErrors: s.windowErrors,
      byKind: s.windowByKind,
      lastErrors: s.lastErrors.map(({ kind, message, game }) => ({ kind, message, game })),
    };
  }

  /** After an error-storm pause the operator has seen the storm: the window starts afresh. */
  clearErrorWindow(): void {
    const state = this.errors.toJSON();
    this.errors = ErrorTracker.fromJSON({
      ...state,
      window: [{ games: 0, errors: 0, byKind: {} }],
    });
  }

  // ---- checkpoints --------------------------------------------------------------------------

  /**
   * Saves the model (unless this exact state is saved already). Non-finite weights are reset and
   * logged first. A failed save (after the checkpoint manager's one retry) is logged, counted and
   * reported; training goes on. Resolves to whether a checkpoint of this state exists.
   */
  async saveCheckpoint(reason: CheckpointReason): Promise<boolean> {
    if (this.lastSavedGames === this.games) return true;
    const { deps } = this;
    const state = this.engine.getState();
    if (state.games !== this.games) {
      deps.log.warn(
        { event: 'games_mismatch', counted: this.games, engine: state.games },
        'the engine counts a different number of games; trusting the engine',
      );
      this.games = state.games;
    }
    this.scanWeights(state);
    const metadata = {
      run: { runId: deps.runId, seed: this.seed, backend: this.backend, settings: this.settings },
      monitors: { convergence: this.convergence.toJSON(), errors: this.errors.toJSON() },
      training: { elapsedMs: this.elapsedMs(), weightResets: this.weightResets },
    };
    try {
      const saved = await deps.checkpoints.save(toCheckpointState(state, metadata));
      const savedAt = new Date().toISOString();
      this.lastCheckpoint = { path: saved.path, games: saved.gamesCompleted, savedAt };
      this.lastSavedGames = saved.gamesCompleted;
      this.restartsSinceCheckpoint = 0;
      this.training.checkpointSaved({
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
      this.memory.check();
      return true;
    } catch (error) {
      const message = describeError(error).message;
      this.training.checkpointFailed({
        games: this.games,
        path: deps.checkpoints.dir,
        error: message,
        willRetry: false,
      });
      this.errors.recordError('checkpoint_save', message, this.games);
      deps.emitter.emit('checkpoint-failed', { games: this.games, reason, error: message });
      return false;
    }
  }

  private scanWeights(state: ModelState): void {
    const bad = resetNonFinite(state);
    if (bad.length === 0) return;
    bad.slice(0, MAX_LOGGED_WEIGHTS).forEach((w) => {
      this.training.divergence({
        pattern: w.pattern,
        stage: w.stage,
        index: w.index,
        value: Number.isFinite(w.weight)
          ? Number.isFinite(w.adamM)
            ? w.adamV
            : w.adamM
          : w.weight,
        games: this.games,
        action: 'reset',
      });
    });
    this.deps.log.warn(
      { event: 'weights_reset', resets: bad.length, games: this.games, source: 'checkpoint-scan' },
      `reset ${bad.length} non-finite weight(s) before the checkpoint`,
    );
    // getState() may hand out copies: put the repaired arrays back
    this.engine.setState(state);
    this.weightResets += bad.length;
    this.deps.emitter.emit('weights-reset', {
      count: bad.length,
      source: 'checkpoint-scan',
      games: this.games,
    });
  }

  // ---- recovery -----------------------------------------------------------------------------

  /**
   * A hung or crashed batch: the engine is disposed (without waiting for ever) and a new one starts
   * from the latest checkpoint (or a fresh model when the run has none); the games since are
   * played again. More than `maxRestarts` restarts without a checkpoint in between fail the run.
   */
  async recover(failure: EngineBatchError): Promise<void> {
    const { deps } = this;
    this.engineRestarts += 1;
    this.restartsSinceCheckpoint += 1;
    const reached = this.games;
    deps.log.error(
      { event: 'engine_failed', kind: failure.kind, err: failure.message, games: reached },
      `engine batch failed (${failure.kind}: ${failure.message}); restarting the engine`,
    );
    if (this.restartsSinceCheckpoint > deps.config.watchdog.maxRestarts) {
      throw new TrainerError(
        'TRAINING_FAILED',
        `the engine failed ${this.restartsSinceCheckpoint} times without a checkpoint in between (last: ${failure.message})`,
        { cause: failure },
      );
    }
    const old = this.engine;
    try {
      old.requestStop();
    } catch {
      // a crashed engine may refuse even this
    }
    await disposeWithin(old, 2_000);
    const made = await makeEngine(deps.config, deps.log, this.engineRestarts, this.backend);
    this.engine = made.engine;
    const restored = await loadLatestCheckpoint(deps.checkpoints);
    if (restored !== undefined) this.restore(restored, true);
    else this.resetToFresh();
    this.errors.recordError(failure.kind, failure.message, reached);
    this.training = this.newTrainingLogger();
    this.progress = this.newProgressReporter();
    deps.log.warn(
      { event: 'engine_restarted', games: this.games, lostGames: reached - this.games },
      `engine restarted from ${restored?.path ?? 'a fresh model'} (${this.games} games)`,
    );
    deps.emitter.emit('engine-restart', {
      games: this.games,
      lostGames: reached - this.games,
      cause: failure.message,
      restarts: this.engineRestarts,
    });
  }

  /** Puts a checkpoint into the engine and the monitors. A rollback keeps the clock running. */
  private restore(restored: RestoredCheckpoint, rollback: boolean): void {
    const { model, metadata } = restored;
    this.engine.setState(model);
    this.games = model.games;
    this.seed = metadata.run.seed;
    this.lastSavedGames = model.games;
    this.lastCheckpoint = {
      path: restored.path,
      games: model.games,
      savedAt: new Date(restored.timestamp).toISOString(),
    };
    this.convergence = restoreOr(
      () => ConvergenceMonitor.fromJSON(metadata.monitors.convergence),
      () => new ConvergenceMonitor(),
      this.deps.log,
    );
    this.errors = restoreOr(
      () => {
        const tracker = ErrorTracker.fromJSON(metadata.monitors.errors);
        if (tracker.windowGames !== this.deps.config.errorWindowGames) throw new Error('window');
        return tracker;
      },
      () => this.newErrorTracker(),
      this.deps.log,
    );
    this.weightResets = metadata.training.weightResets;
    if (!rollback) this.elapsedBaseMs = metadata.training.elapsedMs;
    this.recent.clear();
  }

  private resetToFresh(): void {
    this.games = 0;
    this.lastSavedGames = undefined;
    this.lastCheckpoint = null;
    this.convergence = new ConvergenceMonitor();
    this.errors = this.newErrorTracker();
    this.recent.clear();
  }

  // ---- telemetry ----------------------------------------------------------------------------

  progressData(partial?: Parameters<RecentGames['stats']>[0]): ProgressData {
    return {
      recent: this.recent.stats(partial),
      errors: this.errors.summary().errors,
      elapsedMs: this.elapsedMs(),
      sessionGames: this.games - this.startGames,
    };
  }

  private newErrorTracker(): ErrorTracker {
    return new ErrorTracker({ windowGames: this.deps.config.errorWindowGames });
  }

  private newTrainingLogger(): TrainingLogger {
    const { telemetry } = this.deps;
    return new TrainingLogger({
      logger: telemetry.logger,
      metrics: telemetry.metrics,
      scalars: telemetry.tensorboard ?? undefined,
      totalGames: this.settings.targetGames,
      startGames: this.games,
      startElapsedMs: this.elapsedMs(),
      details: () =>
        createTelemetrySnapshot({
          convergence: this.convergence,
          memory: this.memory,
          errors: this.errors,
        }),
    });
  }

  private newProgressReporter(): ProgressReporter<ProgressData> {
    this.progressDone = this.games;
    const reporter = new ProgressReporter<ProgressData>({
      total: this.settings.targetGames,
      initial: this.games,
      minIntervalMs: this.deps.config.progressIntervalMs,
    });
    reporter.subscribe((update) =>
      this.deps.onProgress?.(
        toProgressEvent(update, this.progressData(), this.settings.targetGames),
      ),
    );
    return reporter;
  }

  /** A new TrainingLogger (after a log level change: pino children keep the level they had). */
  refreshTrainingLogger(): void {
    this.training = this.newTrainingLogger();
  }

  /** Changes settings for the next batches (configure(), or a continued run's new target). */
  updateSettings(settings: TrainingSettings): void {
    this.settings = settings;
    this.training.setTotalGames(settings.targetGames);
    this.progress.setTotal(settings.targetGames);
  }

  /** The session's part of status.json (the rate only while training). */
  statusFields(training: boolean): Partial<RunStatus> {
    const errors = this.errors.summary();
    return {
      games: this.games,
      targetGames: this.settings.targetGames,
      backend: this.backend,
      gamesPerSecond: training ? (this.progress.last?.ratePerSecond ?? null) : null,
      elapsedSeconds: this.elapsedMs() / 1000,
      errors: {
        count: errors.errors,
        rate: errors.rate,
        byKind: errors.windowByKind,
        last: errors.lastErrors.map(({ kind, message, game }) => ({ kind, message, game })),
      },
      latestCheckpoint: this.lastCheckpoint,
    };
  }

  /** Releases the engine (waiting at most a few seconds for it). */
  async dispose(): Promise<void> {
    await disposeWithin(this.engine, 5_000);
  }
}

function restoreOr<T>(restore: () => T, fresh: () => T, log: Logger): T {
  try {
    return restore();
  } catch (error) {
    log.info({ err: describeError(error) }, 'monitor state not restored; starting it afresh');
    return fresh();
  }
}
