import { PrismindError, type TrainBatchResult } from '@prismind/board/contracts';
import { resolve } from 'node:path';
import { answerControl, type ControlRequest, ControlWatcher } from '../run-dir/control';
import { describeError, isTrainerError, TrainerError } from './errors';
import {
  type ErrorPattern,
  type TrainingEventName,
  type TrainingEvents,
  type TrainingListener,
  type TrainingProgressEvent,
  TypedEmitter,
} from './events';
import { optionsFromManifest, type RunOutcome, recordOutcome } from '../run-dir/manifest';
import { readOrRebuildManifest } from '../run-dir/manifest-rebuild';
import { initialStatus, type OpenRun, openRun } from './open-run';
import {
  type ConfigureOptions,
  type ManagerConfig,
  normalizeSearch,
  type ParsedStart,
  type ProgressCallback,
  parseConfigureOptions,
  parseManagerOptions,
  parseStartOptions,
  type StartOptions,
  type TrainingManagerOptions,
} from './options';
import { buildResult, type TrainingResult } from './result';
import type { TrainingSession } from './session';
import { installSignalHandlers } from './signals';
import { type RunStatus, StatusBoard, type TrainingState } from '../run-dir/status';
import { EngineBatchError } from './watchdog';

/** `TrainingManager.resume()`: the run directory, a new target if wanted, option overrides. */
export interface ResumeOptions extends Partial<TrainingManagerOptions> {
  runDir: string;
  targetGames?: number | undefined;
  onProgress?: ProgressCallback | undefined;
}

interface PendingRequest {
  kind: 'pause' | 'stop';
  reason: string;
  at: number;
  acked: boolean;
  errors?: ErrorPattern | undefined;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * The manager's own timers (heartbeat, control polling) are unref'd, so a paused run has nothing
 * pending: Node would exit under a caller awaiting start(). This timer holds the process until the
 * run settles.
 */
function holdProcessUntilSettled<T>(run: Promise<T>): Promise<T> {
  const hold = setInterval(() => undefined, 2 ** 30);
  const release = (): void => clearInterval(hold);
  run.then(release, release);
  return run;
}

function transition(action: string, state: string): TrainerError {
  return new TrainerError('INVALID_TRANSITION', `cannot ${action} a run that is ${state}`, {
    details: { action, state },
  });
}

/**
 * A training run you can start, watch, pause, resume and trust. States: idle → training → paused →
 * training … → completed | stopped | failed. Training runs as engine batches that end exactly on
 * checkpoint multiples; the run directory holds the manifest, checkpoints, logs, metrics and a
 * status file that other processes read (and a control file they write) — see the README.
 */
export class TrainingManager {
  readonly runDir: string;
  private readonly config: ManagerConfig;
  private readonly emitter: TypedEmitter<TrainingEvents>;
  private stateValue: TrainingState = 'idle';
  private starting = false;
  private run: OpenRun | undefined;
  private status: StatusBoard | undefined;
  private control: ControlWatcher | undefined;
  private removeSignals: (() => void) | undefined;
  private request: PendingRequest | undefined;
  private pauseWaiters: Waiter<number>[] = [];
  private wakeUp: (() => void) | undefined;
  private pending: ConfigureOptions = {};
  private done: Promise<TrainingResult> | undefined;
  private lastResult: TrainingResult | undefined;
  private callback: ProgressCallback | undefined;
  private listenerErrors = 0;

  constructor(options: TrainingManagerOptions) {
    this.config = parseManagerOptions(options);
    this.runDir = resolve(this.config.runDir);
    this.emitter = new TypedEmitter<TrainingEvents>((name, error) =>
      this.listenerFailed(String(name), error),
    );
  }

  /** A manager for an existing run, configured as its manifest says (overrides win). */
  static async open(
    runDir: string,
    overrides: Partial<TrainingManagerOptions> = {},
  ): Promise<TrainingManager> {
    const { manifest } = await readOrRebuildManifest(runDir);
    if (manifest === undefined) {
      throw new TrainerError('RUN_NOT_FOUND', `${runDir}: no manifest.json, not a training run`, {
        details: { runDir },
      });
    }
    return new TrainingManager({ ...optionsFromManifest(manifest), ...overrides, runDir });
  }

  get state(): TrainingState {
    return this.stateValue;
  }

  /** Games of the run so far (as of the last batch). */
  get games(): number {
    return this.run?.session.games ?? this.lastResult?.gamesCompleted ?? 0;
  }

  /** The result of the last finished start(), if any. */
  get result(): TrainingResult | undefined {
    return this.lastResult;
  }

  /** Listens to an event; returns the function that stops listening. */
  on<K extends TrainingEventName>(event: K, listener: TrainingListener<K>): () => void {
    return this.emitter.on(event, listener);
  }

  off<K extends TrainingEventName>(event: K, listener: TrainingListener<K>): void {
    this.emitter.off(event, listener);
  }

  /** True while games are being played (state 'training', a pause or stop not yet done). */
  isTrainingActive(): boolean {
    return this.stateValue === 'training' && this.request === undefined;
  }

  /**
   * Trains until the target (counted over the whole run) is reached, or until stop(); resolves with
   * the result. Continues from the latest valid checkpoint when the run directory has one. Pauses
   * keep the promise pending. Rejects with INVALID_OPTIONS before doing anything, TRAINING_BUSY if
   * already running, and TRAINING_FAILED (with `details.result`) if the run fails.
   */
  start(options: StartOptions = {}): Promise<TrainingResult> {
    if (this.starting || this.stateValue === 'training' || this.stateValue === 'paused') {
      return Promise.reject(
        new PrismindError('TRAINING_BUSY', `${this.runDir}: training already ${this.stateValue}`),
      );
    }
    let parsed: ParsedStart;
    try {
      parsed = parseStartOptions(options);
    } catch (error) {
      return Promise.reject(error);
    }
    this.starting = true;
    this.request = undefined;
    this.callback = parsed.onProgress;
    this.done = holdProcessUntilSettled(this.runSession(parsed));
    return this.done;
  }

  /**
   * Pauses: the batch in hand is asked to stop at once (acknowledged within ~100 ms: see the
   * 'pause-acknowledged' event), a checkpoint is saved, and the promise resolves with the games
   * completed. Pausing a paused run resolves at once.
   */
  pause(): Promise<number> {
    return this.requestPause('request');
  }

  /**
   * Continues a run from its latest valid checkpoint, with its own settings (and a new target if
   * given), to the end. For pause/stop from this process, use open() and start() instead.
   */
  static async resume(options: ResumeOptions): Promise<TrainingResult> {
    const { runDir, targetGames, onProgress, ...overrides } = options;
    const manager = await TrainingManager.open(runDir, overrides);
    return manager.start({ targetGames, onProgress });
  }

  /** Continues a paused run from where it paused (the pause checkpoint's state). */
  resume(): Promise<void> {
    return this.requestResume('request');
  }

  /** Stops: the batch in hand stops, a checkpoint is saved; resolves with the result. */
  stop(): Promise<TrainingResult> {
    return this.requestStop('request');
  }

  /**
   * Changes search, exploration, learning parameters or the log level. Applied between batches
   * (at once when paused or idle). `search` replaces the search settings as a whole.
   */
  configure(changes: ConfigureOptions): void {
    const parsed = parseConfigureOptions(changes);
    this.pending = { ...this.pending, ...parsed };
    if (parsed.logLevel !== undefined) this.config.logLevel = parsed.logLevel;
    const session = this.run?.session;
    if (session !== undefined && !session.batchInFlight) this.applyPending(session);
  }

  // ---- requests -----------------------------------------------------------------------------

  private requestPause(reason: string): Promise<number> {
    const state = this.stateValue;
    if (state === 'paused' && this.request?.kind === 'pause') {
      return Promise.resolve(this.games);
    }
    if (!this.starting && state !== 'training') return Promise.reject(transition('pause', state));
    if (this.request?.kind === 'stop') return Promise.reject(transition('pause', 'stopping'));
    const waiter = new Promise<number>((resolve, reject) => {
      this.pauseWaiters.push({ resolve, reject });
    });
    if (this.request === undefined) {
      this.request = { kind: 'pause', reason, at: performance.now(), acked: false };
      this.interrupt();
    }
    return waiter;
  }

  private async requestResume(reason: string): Promise<void> {
    if (this.stateValue === 'training' && this.request?.kind === 'pause') {
      await new Promise<number>((resolve, reject) => this.pauseWaiters.push({ resolve, reject }));
    }
    if (this.stateValue === 'training' && this.request === undefined) return;
    if (this.stateValue !== 'paused' || this.request?.kind !== 'pause') {
      throw transition('resume', this.stateValue);
    }
    const session = this.run!.session;
    if (this.request.reason === 'error-rate') session.clearErrorWindow();
    this.request = undefined;
    this.applyPending(session);
    session.beginStretch();
    this.setState('training', reason);
    this.markManifest('running');
    this.wakeUp?.();
  }

  private requestStop(reason: string): Promise<TrainingResult> {
    const state = this.stateValue;
    if (!this.starting && state !== 'training' && state !== 'paused') {
      if (this.lastResult !== undefined) return Promise.resolve(this.lastResult);
      return Promise.reject(transition('stop', state));
    }
    if (this.request?.kind !== 'stop') {
      const previous = this.request;
      this.request = {
        kind: 'stop',
        reason,
        at: previous?.at ?? performance.now(),
        acked: previous?.acked ?? false,
        errors: previous?.errors,
      };
      if (previous === undefined) this.interrupt();
      this.wakeUp?.();
    }
    return this.done!;
  }

  /** Stops the batch in hand; with none in flight no game is being played: acknowledged now. */
  private interrupt(): void {
    const session = this.run?.session;
    const request = this.request;
    if (request === undefined) return;
    if (session === undefined || !session.interruptBatch()) this.acknowledge(request);
  }

  private acknowledge(request: PendingRequest): void {
    if (request.acked) return;
    request.acked = true;
    const latencyMs = performance.now() - request.at;
    this.run?.log.info(
      { event: 'stop_acknowledged', command: request.kind, latencyMs },
      `${request.kind} acknowledged after ${latencyMs.toFixed(1)} ms`,
    );
    this.emitter.emit('pause-acknowledged', { latencyMs, command: request.kind });
  }

  // ---- the loop -----------------------------------------------------------------------------

  private async runSession(parsed: ParsedStart): Promise<TrainingResult> {
    let run: OpenRun;
    try {
      run = await this.openSession(parsed);
    } catch (error) {
      this.starting = false;
      throw error;
    }
    try {
      this.applyPending(run.session);
      run.session.beginStretch();
      this.starting = false;
      this.setState('training', run.resumed ? 'continued' : 'new run');
      const end = await this.loop(run.session);
      return await this.finish(end.outcome, end.reason);
    } catch (error) {
      throw await this.fail(error);
    }
  }

  private async loop(
    session: TrainingSession,
  ): Promise<{ outcome: 'completed' | 'stopped'; reason: string }> {
    for (;;) {
      const request = this.request;
      if (request !== undefined) {
        this.acknowledge(request);
        if (request.kind === 'stop') {
          await session.saveCheckpoint(request.reason === 'error-rate' ? 'error-rate' : 'stop');
          return { outcome: 'stopped', reason: request.reason };
        }
        await this.pauseHere(session, request);
        continue;
      }
      if (session.games >= session.settings.targetGames) {
        await session.saveCheckpoint('final');
        return { outcome: 'completed', reason: 'target reached' };
      }
      this.applyPending(session);
      const size = session.nextBatchSize();
      let batch: TrainBatchResult;
      try {
        batch = await session.runBatch(size);
      } catch (error) {
        if (this.request !== undefined) this.acknowledge(this.request);
        if (!(error instanceof EngineBatchError)) throw error;
        await session.recover(error);
        this.refreshStatus(true);
        continue;
      }
      if (this.request !== undefined) this.acknowledge(this.request);
      session.account(size, batch);
      let saved = false;
      if (session.games % session.settings.checkpointInterval === 0) {
        saved = await session.saveCheckpoint('interval');
      }
      this.checkErrorRate(session);
      this.refreshStatus(saved);
    }
  }

  private checkErrorRate(session: TrainingSession): void {
    if (this.request !== undefined) return;
    const storm = session.errorStorm();
    if (storm === undefined) return;
    const action = this.config.errorAction;
    this.run?.log.error(
      { event: 'error_storm', action, games: session.games, ...storm },
      `error rate ${(storm.rate * 100).toFixed(2)}% over ${storm.windowGames} games passes ${(storm.threshold * 100).toFixed(2)}%: saving a checkpoint and ${action === 'pause' ? 'pausing' : 'stopping'} (${Object.entries(
        storm.byKind,
      )
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')})`,
    );
    this.request = {
      kind: action,
      reason: 'error-rate',
      at: performance.now(),
      acked: true,
      errors: storm,
    };
  }

  private async pauseHere(session: TrainingSession, request: PendingRequest): Promise<void> {
    await session.saveCheckpoint(request.reason === 'error-rate' ? 'error-rate' : 'pause');
    // stop() while the pause checkpoint was being written: stop instead of pausing
    if (this.request !== request) return;
    session.endStretch();
    this.setState('paused', request.reason);
    this.markManifest('paused', request.reason);
    for (const waiter of this.pauseWaiters.splice(0)) waiter.resolve(session.games);
    this.emitter.emit('paused', {
      games: session.games,
      reason: request.reason,
      errors: request.errors,
    });
    await new Promise<void>((wake) => {
      this.wakeUp = wake;
      if (this.request !== request) wake(); // a listener of 'paused' already resumed or stopped
    });
    this.wakeUp = undefined;
  }

  // ---- endings ------------------------------------------------------------------------------

  private async finish(outcome: 'completed' | 'stopped', reason: string): Promise<TrainingResult> {
    const run = this.run!;
    run.session.endStretch();
    const result = buildResult(run.session, this.runDir, outcome, reason);
    this.setState(outcome, reason);
    this.markManifest(outcome, reason, true);
    run.log.info(
      { event: 'run_finished', ...result },
      `run ${outcome} (${reason}) at ${result.gamesCompleted} games`,
    );
    this.lastResult = result;
    for (const waiter of this.pauseWaiters.splice(0)) waiter.resolve(run.session.games);
    await this.close();
    return result;
  }

  private async fail(error: unknown): Promise<TrainerError> {
    const run = this.run;
    const { message } = describeError(error);
    if (run === undefined) return new TrainerError('TRAINING_FAILED', message, { cause: error });
    const result = buildResult(run.session, this.runDir, 'failed', message);
    run.log.error(
      { event: 'run_failed', err: describeError(error), games: run.session.games },
      `run failed at ${run.session.games} games: ${message}`,
    );
    this.setState('failed', message);
    this.markManifest('failed', message, true);
    this.lastResult = result;
    for (const waiter of this.pauseWaiters.splice(0)) waiter.reject(error);
    await this.close();
    const failure = isTrainerError(error, 'TRAINING_FAILED')
      ? error
      : new TrainerError('TRAINING_FAILED', `training failed: ${message}`, { cause: error });
    return new TrainerError(failure.code, failure.message, {
      cause: failure.cause,
      details: { ...failure.details, result },
    });
  }

  private async close(): Promise<void> {
    const run = this.run;
    this.removeSignals?.();
    this.removeSignals = undefined;
    this.control?.stop();
    this.status?.stopHeartbeat();
    this.request = undefined;
    if (run === undefined) return;
    await run.session.dispose();
    run.telemetry.close();
    run.lock.release();
    this.run = undefined;
  }

  // ---- run directory ------------------------------------------------------------------------

  private async openSession(parsed: ParsedStart): Promise<OpenRun> {
    const run = await openRun(this.config, this.runDir, parsed, this.emitter, (event) =>
      this.deliverProgress(event),
    );
    this.run = run;
    const status = new StatusBoard(this.runDir, initialStatus(run, this.config), (error) =>
      run.log.warn(
        { event: 'status_failed', err: describeError(error) },
        'status.json cannot be written',
      ),
    );
    this.status = status;
    status.update(this.statusFields(), true);
    status.startHeartbeat(() => this.statusFields());
    const control = new ControlWatcher(
      this.runDir,
      this.config.controlPollMs,
      (request) => this.onControl(request),
      (message) => run.log.warn({ event: 'control_unreadable' }, message),
    );
    const stale = control.ignoreExisting();
    if (stale !== undefined) {
      run.log.info(
        { event: 'control_ignored', ...stale },
        `ignoring a ${stale.command} command sent before this process took the run`,
      );
    }
    control.start();
    this.control = control;
    if (this.config.handleSignals) {
      this.removeSignals = installSignalHandlers(
        (signal) => this.requestStop(`signal:${signal}`),
        run.log,
      );
    }
    return run;
  }

  private statusFields(): Partial<RunStatus> {
    return this.run?.session.statusFields(this.stateValue === 'training') ?? {};
  }

  private refreshStatus(flush: boolean): void {
    this.status?.update(this.statusFields(), flush);
  }

  private setState(to: TrainingState, reason: string | null): void {
    const from = this.stateValue;
    if (from === to) return;
    this.stateValue = to;
    const games = this.games;
    this.status?.update({ ...this.statusFields(), state: to, reason }, true);
    this.run?.log.info(
      { event: 'state', from, to, reason, games },
      `${from} → ${to}${reason === null ? '' : ` (${reason})`} at ${games} games`,
    );
    this.emitter.emit('state', { from, to, reason, games });
  }

  private markManifest(outcome: RunOutcome, reason?: string, ended = false): void {
    const run = this.run;
    if (run === undefined) return;
    const { session } = run;
    try {
      recordOutcome(this.runDir, run.manifest, {
        outcome,
        reason,
        ended,
        games: session.games,
        settings: session.settings,
      });
    } catch (error) {
      run.log.warn(
        { event: 'manifest_failed', err: describeError(error) },
        'manifest.json cannot be written',
      );
    }
  }

  // ---- control, configure, progress ---------------------------------------------------------

  private onControl(request: ControlRequest): void {
    this.run?.log.info(
      { event: 'control', command: request.command, id: request.id, from: request.pid },
      `control: ${request.command} (from process ${request.pid})`,
    );
    answerControl(
      request,
      {
        pause: () => this.requestPause('control').then((games) => `paused at ${games} games`),
        resume: () => this.requestResume('control').then(() => `training from ${this.games} games`),
        stop: () => this.requestStop('control').then((r) => `stopped at ${r.gamesCompleted} games`),
      },
      (ack) => this.status?.update({ ...this.statusFields(), control: ack }, true),
    );
  }

  private applyPending(session: TrainingSession): void {
    const p = this.pending;
    if (Object.keys(p).length === 0) return;
    this.pending = {};
    const next = { ...session.settings };
    if (p.search !== undefined) next.search = normalizeSearch(p.search);
    if (p.epsilon !== undefined) next.epsilon = p.epsilon;
    if (p.lambda !== undefined) next.lambda = p.lambda;
    if (p.learningRate !== undefined) next.learningRate = p.learningRate;
    session.updateSettings(next);
    const run = this.run;
    if (p.logLevel !== undefined && run !== undefined) {
      run.telemetry.logger.level = p.logLevel;
      run.log.level = p.logLevel;
      session.refreshTrainingLogger();
    }
    run?.log.info({ event: 'configured', changes: p, settings: next }, 'settings changed');
  }

  private deliverProgress(event: TrainingProgressEvent): void {
    this.emitter.emit('progress', event);
    const callback = this.callback;
    if (callback === undefined) return;
    try {
      callback(event.games, event.avgDiscDiff, event.blackWinRate, event.elapsedSeconds);
    } catch (error) {
      this.listenerFailed('onProgress', error);
    }
  }

  /** A throwing listener is logged (the first, then every 100th) and training goes on. */
  private listenerFailed(name: string, error: unknown): void {
    this.listenerErrors += 1;
    if (this.listenerErrors !== 1 && this.listenerErrors % 100 !== 0) return;
    this.run?.log.warn(
      {
        event: 'listener_failed',
        listener: name,
        err: describeError(error),
        count: this.listenerErrors,
      },
      `a ${name} listener threw (${this.listenerErrors} so far); training goes on`,
    );
  }
}
