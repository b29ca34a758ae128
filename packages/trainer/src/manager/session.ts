import type {
  BackendKind,
  Engine,
  TrainBatchOptionsInput,
  TrainBatchResult,
  TrainProgress,
} from '@prismind/board/contracts';
import type { CheckpointManager } from '@prismind/checkpoint';
import {
  ConvergenceMonitor,
  type ErrorTracker,
  type Logger,
  MemoryMonitor,
  type ProgressReporter,
  type RunTelemetry,
  type TrainingLogger,
} from '@prismind/telemetry';
import { type SaveFailure, saveCheckpoint } from './checkpoint-saving';
import { disposeWithin, type MadeEngine, type RestoredCheckpoint } from './engine-lifecycle';
import { describeError } from './errors';
import type {
  CheckpointReason,
  TrainingEvents,
  TrainingProgressEvent,
  TypedEmitter,
} from './events';
import { accountBatch } from './game-accounting';
import { LEARNING_RATE_BLOCK_GAMES, learningRateForGame } from './learning-rate';
import type { ManagerConfig, TrainingSettings } from './options';
import type { ProgressData } from './progress-event';
import { RecentGames } from './recent-games';
import { recoverEngine, restoreCheckpoint } from './recovery';
import {
  newErrorTracker,
  newProgressReporter,
  newTrainingLogger,
  progressData,
  statusFields,
} from './session-telemetry';
import type { RunStatus } from '../run-dir/status';
import { StrengthTracker } from './strength-tracking';
import { type EngineBatchError, type WatchedBatch, watchBatch } from './watchdog';

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
 * operations the manager's loop strings together. The manager owns the states and requests; this
 * owns the work, each concern in its own module: a batch under the watchdog (here), its
 * accounting (game-accounting.ts), a checkpoint (checkpoint-saving.ts), a recovery after a failed
 * engine (recovery.ts), telemetry and status (session-telemetry.ts). The fields those modules
 * share are public for them; nothing outside the manager holds a session.
 */
export class TrainingSession {
  engine: Engine;
  backend: BackendKind;
  backendReason: string;
  settings: TrainingSettings;
  seed: number;
  games = 0;
  readonly startGames: number;
  readonly deps: SessionDeps;
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
  /** Games of the state last saved (or restored): a save of the same state is skipped. */
  lastSavedGames: number | undefined;
  /** When the last checkpoint was saved (or the session began): the time interval counts from it. */
  lastSaveAt: number = performance.now();
  restartsSinceCheckpoint = 0;
  /** The run measuring its own strength (strength-tracking.ts). */
  readonly strength: StrengthTracker;
  /** Training time of earlier stretches and sessions. */
  elapsedBaseMs = 0;
  /** The highest progress reported (the reporter refuses to go backwards). */
  progressDone = 0;
  private activeSince: number | undefined;
  private inFlight: WatchedBatch<TrainBatchResult> | undefined;

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
    this.errors = newErrorTracker(this);
    const { log, config } = deps;
    this.memory = new MemoryMonitor({ budgetBytes: config.memoryBudgetBytes, logger: log });
    const weightBytes = engine.engine.shape.totalWeights * 4;
    this.memory.register('weights', weightBytes);
    this.memory.register('optimizerState', 2 * weightBytes);
    if (restored !== undefined) restoreCheckpoint(this, restored, false);
    this.startGames = this.games;
    this.startElapsedMs = this.elapsedBaseMs;
    this.training = newTrainingLogger(this);
    this.progress = newProgressReporter(this);
    this.strength = new StrengthTracker(config.strength, this.games, this.elapsedMs());
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
    this.training = newTrainingLogger(this);
    this.progress = newProgressReporter(this);
  }

  /** Ends a stretch: the clock stops, progress delivers its final event. */
  endStretch(): void {
    if (this.activeSince !== undefined) {
      this.elapsedBaseMs += performance.now() - this.activeSince;
      this.activeSince = undefined;
    }
    this.progress.finish(this.games, progressData(this));
  }

  // ---- batches ------------------------------------------------------------------------------

  /**
   * Games for the next batch: a chunk, never past the next game-interval checkpoint, the next
   * learning-rate block (learning-rate.ts) or the target.
   */
  nextBatchSize(): number {
    const { checkpointInterval, callbackInterval, targetGames } = this.settings;
    const toCheckpoint =
      checkpointInterval > 0 ? checkpointInterval - (this.games % checkpointInterval) : Infinity;
    const toRateBlock = LEARNING_RATE_BLOCK_GAMES - (this.games % LEARNING_RATE_BLOCK_GAMES);
    return Math.max(
      1,
      Math.min(callbackInterval, toCheckpoint, toRateBlock, targetGames - this.games),
    );
  }

  /**
   * True when an interval checkpoint is due: at a multiple of `checkpointInterval` games, or when
   * `checkpointMinutes` of training passed since the last save (whichever comes first).
   */
  checkpointDue(): boolean {
    const { checkpointInterval, checkpointMinutes } = this.settings;
    if (checkpointInterval > 0 && this.games % checkpointInterval === 0) return true;
    if (checkpointMinutes === undefined || checkpointMinutes <= 0) return false;
    return performance.now() - this.lastSaveAt >= checkpointMinutes * 60_000;
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
      learning: {
        lambda: settings.lambda,
        learningRate: learningRateForGame(settings, this.games),
      },
      progressEveryGames: Math.max(1, Math.min(size, Math.ceil(settings.callbackInterval / 10))),
      recordEvery: deps.config.storeGamesEvery,
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
    if (done > this.games) this.reportProgress(done, progressData(this, partial));
  }

  /** Progress never goes backwards (the reporter would throw): older news is dropped. */
  reportProgress(done: number, data: ProgressData): void {
    if (done < this.progressDone) return;
    this.progressDone = done;
    this.progress.update(done, data);
  }

  // ---- the concerns, for the manager's loop -------------------------------------------------

  /** Books a finished batch (game-accounting.ts). */
  account(size: number, result: TrainBatchResult): void {
    accountBatch(this, size, result);
  }

  /** Saves a checkpoint; resolves to what went wrong, if it failed (checkpoint-saving.ts). */
  saveCheckpoint(reason: CheckpointReason): Promise<SaveFailure | undefined> {
    return saveCheckpoint(this, reason);
  }

  /** True when games were played since the last checkpoint on disk. */
  get hasUnsavedGames(): boolean {
    return this.games !== (this.lastCheckpoint?.games ?? 0);
  }

  /**
   * A run that ends without its last save: what survives is the last checkpoint on disk, so the
   * counts the run records (manifest, status, result) go back to it and `resume` starts there.
   */
  rollBackToCheckpoint(): number {
    const lost = this.games - (this.lastCheckpoint?.games ?? 0);
    this.games = this.lastCheckpoint?.games ?? 0;
    return lost;
  }

  /** Restarts a failed engine from the latest checkpoint (recovery.ts). */
  recover(failure: EngineBatchError): Promise<void> {
    return recoverEngine(this, failure);
  }

  /**
   * Measures the model's strength when due (strength-tracking.ts); `final` at the end of a run,
   * which is measured there if it trained for at least a minute in this process.
   */
  async measureStrengthIfDue(final = false): Promise<void> {
    const due = final
      ? this.sessionSeconds() >= 60 && this.strength.due(this.games, this.elapsedMs(), true)
      : this.strength.due(this.games, this.elapsedMs());
    if (due) await this.strength.measure(this);
  }

  /** The session's part of status.json (session-telemetry.ts). */
  statusFields(training: boolean): Partial<RunStatus> {
    return statusFields(this, training);
  }

  /** A new TrainingLogger (after a log level change: pino children keep the level they had). */
  refreshTrainingLogger(): void {
    this.training = newTrainingLogger(this);
  }

  /** Changes settings for the next batches (configure(), or a continued run's new target). */
  updateSettings(settings: TrainingSettings): void {
    this.settings = settings;
    this.training.setTotalGames(settings.targetGames);
    this.progress.setTotal(settings.targetGames);
  }

  /** Releases the engine (waiting at most a few seconds for it). */
  async dispose(): Promise<void> {
    await disposeWithin(this.engine, 5_000);
  }
}
