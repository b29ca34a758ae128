import { resolve } from 'node:path';
import { answerControl, type ControlRequest } from './control';
import { describeError, isTrainerError, TrainerError } from './errors';
import {
  type CheckpointReason,
  type ErrorPattern,
  type TrainingEventName,
  type TrainingEvents,
  type TrainingListener,
  type TrainingProgressEvent,
  TypedEmitter,
} from './events';
import { errorStorm, clearErrorWindow } from './game-accounting';
import { optionsFromManifest, type RunOutcome, readManifest, recordOutcome } from './manifest';
import { type OpenRun, openRun } from './open-run';
import {
  type ConfigureOptions,
  type ManagerConfig,
  type ParsedStart,
  type ProgressCallback,
  parseConfigureOptions,
  parseManagerOptions,
  parseStartOptions,
  type StartOptions,
  type TrainingManagerOptions,
} from './options';
import { buildResult, type TrainingResult } from './result';
import { attachRun, type RunAttachments } from './run-attachments';
import {
  announces,
  type RunEvent,
  type RunPhase,
  type RunTransition,
  refusalError,
  transitionOf,
} from './run-state';
import { type SaveFailure, saveFailureReason } from './checkpoint-saving';
import type { TrainingSession } from './session';
import { applySettingChanges } from './settings-changes';
import type { RunStatus, TrainingState } from './status';
import { EngineBatchError } from './watchdog';

/** `TrainingManager.resume()`: the run directory, a new target if wanted, option overrides. */
export interface ResumeOptions extends Partial<TrainingManagerOptions> {
  runDir: string;
  targetGames?: number | undefined;
  onProgress?: ProgressCallback | undefined;
}

/** The request behind the pausing, paused and stopping phases: who asked, when, why. */
interface PendingRequest {
  reason: string;
  at: number;
  acked: boolean;
  errors?: ErrorPattern | undefined;
  checkpoint?: SaveFailure | undefined;
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

/**
 * A training run you can start, watch, pause, resume and trust. Its phases and what moves them are
 * one table (run-state.ts; docs/architecture.md, "The training manager"); `apply()` is the only
 * place the phase changes, and the side effects of a change (state event, status.json, manifest,
 * waiters) hang on it. A checkpoint that cannot be written pauses the run: a run never trains on
 * unsaved, nor reports completed before its final checkpoint is on disk.
 */
export class TrainingManager {
  readonly runDir: string;
  private readonly config: ManagerConfig;
  private readonly emitter: TypedEmitter<TrainingEvents>;
  private phase: RunPhase = 'idle';
  /** The last state announced (status.json, 'state' events): a settled phase. */
  private stateValue: TrainingState = 'idle';
  private request: PendingRequest | undefined;
  /** A checkpoint whose save failed: nothing is played before it is written. */
  private unsaved: CheckpointReason | undefined;
  private run: OpenRun | undefined;
  private attachments: RunAttachments | undefined;
  private pauseWaiters: { resolve(games: number): void; reject(error: unknown): void }[] = [];
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
    const manifest = readManifest(runDir);
    if (manifest === undefined) {
      throw new TrainerError('RUN_NOT_FOUND', `${runDir}: no manifest.json, not a training run`, {
        details: { runDir },
      });
    }
    return new TrainingManager({ ...optionsFromManifest(manifest), ...overrides, runDir });
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
    return this.phase === 'training';
  }

  /**
   * Trains until the target (counted over the whole run) is reached, or until stop(); resolves with
   * the result. Continues from the latest valid checkpoint when the run directory has one. Pauses
   * keep the promise pending. Rejects with INVALID_OPTIONS before doing anything, TRAINING_BUSY if
   * already running, and TRAINING_FAILED (with `details.result`) if the run fails.
   */
  start(options: StartOptions = {}): Promise<TrainingResult> {
    let parsed: ParsedStart;
    try {
      this.check('start');
      parsed = parseStartOptions(options);
    } catch (error) {
      return Promise.reject(error);
    }
    this.apply('start');
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
    if (this.run !== undefined && !this.run.session.batchInFlight) this.applyPending();
  }

  // ---- the state machine --------------------------------------------------------------------

  /** The transition `event` takes now; throws the refusal (INVALID_TRANSITION, TRAINING_BUSY). */
  private check(event: RunEvent): RunTransition {
    const transition = transitionOf(this.phase, event);
    if (transition.kind === 'refuse') {
      throw refusalError(transition, event, this.phase, this.runDir);
    }
    return transition;
  }

  /** Applies `event`: the one place the phase changes, and the side effects of entering one. */
  private apply(event: RunEvent, reason: string | null = null): RunTransition {
    const transition = this.check(event);
    if (transition.kind !== 'move') return transition;
    this.phase = transition.to;
    const to = transition.to;
    if (to === 'paused') this.enterPaused();
    else if (announces(to)) this.announce(to, reason);
    if (to === 'training' && event === 'resume') this.markManifest('running');
    return transition;
  }

  private enterPaused(): void {
    const request = this.request!;
    const session = this.run!.session;
    session.endStretch();
    this.announce('paused', request.reason);
    this.markManifest('paused', request.reason);
    for (const waiter of this.pauseWaiters.splice(0)) waiter.resolve(session.games);
    const { checkpoint } = request;
    this.emitter.emit('paused', {
      games: session.games,
      reason: request.reason,
      errors: request.errors,
      checkpoint: checkpoint && { errno: checkpoint.errno, error: checkpoint.message },
    });
  }

  // ---- requests -----------------------------------------------------------------------------

  private requestPause(reason: string): Promise<number> {
    let transition: RunTransition;
    try {
      transition = this.apply('pause');
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.phase === 'paused') return Promise.resolve(this.games);
    const paused = new Promise<number>((resolve, reject) => {
      this.pauseWaiters.push({ resolve, reject });
    });
    if (transition.kind === 'move') {
      this.request = { reason, at: performance.now(), acked: false };
      this.interrupt();
    }
    return paused;
  }

  private async requestResume(reason: string): Promise<void> {
    const transition = this.check('resume');
    if (transition.kind === 'wait') {
      await new Promise<number>((resolve, reject) => this.pauseWaiters.push({ resolve, reject }));
      return this.requestResume(reason);
    }
    if (transition.kind === 'stay') return;
    const session = this.run!.session;
    if (this.request?.reason === 'error-rate') clearErrorWindow(session);
    this.request = undefined;
    this.applyPending();
    session.beginStretch();
    this.apply('resume', reason);
    this.wakeUp?.();
  }

  private requestStop(reason: string): Promise<TrainingResult> {
    let transition: RunTransition;
    try {
      transition = this.apply('stop');
    } catch (error) {
      return Promise.reject(error);
    }
    if (transition.kind === 'stay') {
      return this.phase === 'stopping' ? this.done! : Promise.resolve(this.lastResult!);
    }
    const previous = this.request;
    // a run paused by a failed save ends because of it, whoever asked for the stop
    const why = previous?.checkpoint !== undefined ? previous.reason : reason;
    this.request = {
      ...previous,
      reason: why,
      at: previous?.at ?? performance.now(),
      acked: previous?.acked ?? false,
    };
    if (previous === undefined) this.interrupt();
    this.wakeUp?.();
    return this.done!;
  }

  /** Stops the batch in hand; with none in flight no game is being played: acknowledged now. */
  private interrupt(): void {
    const session = this.run?.session;
    if (session === undefined || !session.interruptBatch()) this.acknowledge();
  }

  private acknowledge(): void {
    const request = this.request;
    if (request === undefined || request.acked) return;
    request.acked = true;
    const command = this.phase === 'stopping' ? 'stop' : 'pause';
    const latencyMs = performance.now() - request.at;
    this.run?.log.info(
      { event: 'stop_acknowledged', command, latencyMs },
      `${command} acknowledged after ${latencyMs.toFixed(1)} ms`,
    );
    this.emitter.emit('pause-acknowledged', { latencyMs, command });
  }

  // ---- the loop -----------------------------------------------------------------------------

  private async runSession(parsed: ParsedStart): Promise<TrainingResult> {
    let run: OpenRun;
    try {
      run = await this.openSession(parsed);
    } catch (error) {
      this.apply('open-failed');
      for (const waiter of this.pauseWaiters.splice(0)) waiter.reject(error);
      throw error;
    }
    try {
      this.applyPending();
      run.session.beginStretch();
      this.apply('opened', run.resumed ? 'continued' : 'new run');
      await this.loop(run.session);
      return await this.finish();
    } catch (error) {
      throw await this.fail(error);
    }
  }

  /** Plays batches until the run ends; pauses wait inside. */
  private async loop(session: TrainingSession): Promise<void> {
    for (;;) {
      if (this.phase === 'stopping') return this.stopHere(session);
      if (this.phase === 'pausing') {
        this.acknowledge();
        if (
          await this.save(session, this.request?.reason === 'error-rate' ? 'error-rate' : 'pause')
        ) {
          this.apply('pause-saved');
        }
        continue;
      }
      if (this.phase === 'paused') {
        await new Promise<void>((wake) => {
          this.wakeUp = wake;
        });
        this.wakeUp = undefined;
        continue;
      }
      if (this.unsaved !== undefined && !(await this.save(session, this.unsaved))) continue;
      if (session.games >= session.settings.targetGames) {
        if (await this.save(session, 'final'))
          return void this.apply('target-reached', 'target reached');
        continue;
      }
      await this.playBatch(session);
    }
  }

  private async playBatch(session: TrainingSession): Promise<void> {
    this.applyPending();
    const size = session.nextBatchSize();
    try {
      const batch = await session.runBatch(size);
      if (this.phase !== 'training') this.acknowledge();
      session.account(size, batch);
    } catch (error) {
      if (this.phase !== 'training') this.acknowledge();
      if (!(error instanceof EngineBatchError)) throw error;
      await session.recover(error);
      this.refreshStatus(true);
      return;
    }
    const saved = session.checkpointDue() && (await this.save(session, 'interval'));
    this.checkErrorRate(session);
    this.refreshStatus(saved);
  }

  /**
   * Saves a checkpoint. When it cannot be written (the checkpoint manager retried once already),
   * the run pauses with the reason (`checkpoint-failed: disk full (ENOSPC)`) instead of training
   * on unsaved; resume() tries the same save again first. While stopping, the stop goes on.
   */
  private async save(session: TrainingSession, reason: CheckpointReason): Promise<boolean> {
    const failure = await session.saveCheckpoint(reason);
    if (failure === undefined) {
      this.unsaved = undefined;
      return true;
    }
    this.unsaved = reason;
    const why = saveFailureReason(failure);
    this.run!.log.error(
      { event: 'checkpoint_pause', games: session.games, errno: failure.errno },
      `${why}: pausing at ${session.games} games (last checkpoint: ${session.lastCheckpoint?.games ?? 'none'}); free space and resume`,
    );
    if (this.phase !== 'stopping') {
      this.request = { reason: why, at: performance.now(), acked: true, checkpoint: failure };
    }
    this.apply('save-failed', why);
    return false;
  }

  /** The stop checkpoint; without it the run ends at its last checkpoint on disk. */
  private async stopHere(session: TrainingSession): Promise<void> {
    this.acknowledge();
    const reason = this.request?.reason === 'error-rate' ? 'error-rate' : 'stop';
    if (!(await this.save(session, reason)) && session.hasUnsavedGames) {
      const from = session.games;
      const lost = session.rollBackToCheckpoint();
      this.run!.log.error(
        { event: 'unsaved_games_lost', games: session.games, lost },
        `the stop checkpoint at ${from} games cannot be written: the run ends at its last checkpoint (${session.games} games), ${lost} games are lost`,
      );
    }
    this.apply('stop-finished', this.request?.reason ?? 'request');
  }

  private checkErrorRate(session: TrainingSession): void {
    if (this.phase !== 'training') return;
    const storm = errorStorm(session);
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
    this.apply(action);
    this.request = { reason: 'error-rate', at: performance.now(), acked: true, errors: storm };
  }

  // ---- endings ------------------------------------------------------------------------------

  private async finish(): Promise<TrainingResult> {
    const run = this.run!;
    const outcome = this.phase === 'completed' ? 'completed' : 'stopped';
    const reason = outcome === 'completed' ? 'target reached' : (this.request?.reason ?? 'request');
    run.session.endStretch();
    const result = buildResult(run.session, this.runDir, outcome, reason);
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
    this.apply('crash', message);
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
    // closed, not dropped: a control command's last answer (stop: done) still goes to status.json
    this.attachments?.close();
    this.request = undefined;
    this.unsaved = undefined;
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
    this.attachments = attachRun(run, this.config, this.runDir, {
      statusFields: () => this.statusFields(),
      onControl: (request) => this.onControl(request),
      onSignal: (signal) => this.requestStop(`signal:${signal}`),
    });
    return run;
  }

  private statusFields(): Partial<RunStatus> {
    return this.run?.session.statusFields(this.phase === 'training') ?? {};
  }

  private refreshStatus(flush: boolean): void {
    this.attachments?.status.update(this.statusFields(), flush);
  }

  /** A settled state: the 'state' event, status.json and the log say so. */
  private announce(to: TrainingState, reason: string | null): void {
    const from = this.stateValue;
    if (from === to) return;
    this.stateValue = to;
    const games = this.games;
    this.attachments?.status.update({ ...this.statusFields(), state: to, reason }, true);
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
      (ack) => this.attachments?.status.update({ ...this.statusFields(), control: ack }, true),
    );
  }

  private applyPending(): void {
    const changes = this.pending;
    if (this.run === undefined || Object.keys(changes).length === 0) return;
    this.pending = {};
    applySettingChanges(this.run, changes);
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
