import { resolve } from 'node:path';
import { answerControl, type ControlRequest } from '../run-dir/control';
import { TrainerError, describeError } from './errors';
import {
  type TrainingEventName,
  type TrainingEvents,
  type TrainingListener,
  type TrainingProgressEvent,
  TypedEmitter,
} from './events';
import { clearErrorWindow } from './game-accounting';
import { optionsFromManifest } from '../run-dir/manifest';
import { readOrRebuildManifest } from '../run-dir/manifest-rebuild';
import type {
  ConfigureOptions,
  ProgressCallback,
  StartOptions,
  TrainingManagerOptions,
} from './options';
import {
  type ParsedStart,
  parseConfigureOptions,
  parseManagerOptions,
  parseStartOptions,
} from './options-parse';
import type { TrainingResult } from './result';
import { RunContext } from './run-context';
import type { RunTransition } from './run-state';
import type { TrainingState } from '../run-dir/status';
import { TrainingLoop } from './training-loop';

/** `TrainingManager.resume()`: the run directory, a new target if wanted, option overrides. */
export interface ResumeOptions extends Partial<TrainingManagerOptions> {
  runDir: string;
  targetGames?: number | undefined;
  onProgress?: ProgressCallback | undefined;
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
 * one table (run-state.ts; the trainer README, "The state machine"); `apply()` is the only
 * place the phase changes, and the side effects of a change (state event, status.json, manifest,
 * waiters) hang on it. A checkpoint that cannot be written pauses the run: a run never trains on
 * unsaved, nor reports completed before its final checkpoint is on disk.
 */
export class TrainingManager {
  readonly runDir: string;
  private readonly ctx: RunContext;
  private readonly loop: TrainingLoop;
  private done: Promise<TrainingResult> | undefined;
  private callback: ProgressCallback | undefined;
  private listenerErrors = 0;

  constructor(options: TrainingManagerOptions) {
    const config = parseManagerOptions(options);
    this.runDir = resolve(config.runDir);
    const emitter = new TypedEmitter<TrainingEvents>((name, error) =>
      this.listenerFailed(String(name), error),
    );
    this.ctx = new RunContext(this.runDir, config, emitter);
    this.loop = new TrainingLoop(this.ctx, {
      deliverProgress: (event) => this.deliverProgress(event),
      onControl: (request) => this.onControl(request),
      onSignal: (signal) => this.requestStop(`signal:${signal}`),
    });
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
    return this.ctx.stateValue;
  }

  /** Games of the run so far (as of the last batch). */
  get games(): number {
    return this.ctx.games;
  }

  /** The result of the last finished start(), if any. */
  get result(): TrainingResult | undefined {
    return this.ctx.lastResult;
  }

  /** Listens to an event; returns the function that stops listening. */
  on<K extends TrainingEventName>(event: K, listener: TrainingListener<K>): () => void {
    return this.ctx.emitter.on(event, listener);
  }

  off<K extends TrainingEventName>(event: K, listener: TrainingListener<K>): void {
    this.ctx.emitter.off(event, listener);
  }

  /** True while games are being played (state 'training', a pause or stop not yet done). */
  isTrainingActive(): boolean {
    return this.ctx.phase === 'training';
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
      this.ctx.check('start');
      parsed = parseStartOptions(options);
    } catch (error) {
      return Promise.reject(error);
    }
    this.ctx.apply('start');
    this.callback = parsed.onProgress;
    this.done = holdProcessUntilSettled(this.loop.runSession(parsed));
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
    this.ctx.pending = { ...this.ctx.pending, ...parsed };
    if (parsed.logLevel !== undefined) this.ctx.config.logLevel = parsed.logLevel;
    if (this.ctx.run !== undefined && !this.ctx.run.session.batchInFlight) this.ctx.applyPending();
  }

  // ---- requests -----------------------------------------------------------------------------

  private requestPause(reason: string): Promise<number> {
    let transition: RunTransition;
    try {
      transition = this.ctx.apply('pause');
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.ctx.phase === 'paused') return Promise.resolve(this.ctx.games);
    const paused = new Promise<number>((resolve, reject) => {
      this.ctx.pauseWaiters.push({ resolve, reject });
    });
    if (transition.kind === 'move') {
      this.ctx.request = { reason, at: performance.now(), acked: false };
      this.ctx.interrupt();
    }
    return paused;
  }

  private async requestResume(reason: string): Promise<void> {
    const transition = this.ctx.check('resume');
    if (transition.kind === 'wait') {
      await new Promise<number>((resolve, reject) =>
        this.ctx.pauseWaiters.push({ resolve, reject }),
      );
      return this.requestResume(reason);
    }
    if (transition.kind === 'stay') return;
    const session = this.ctx.run!.session;
    if (this.ctx.request?.reason === 'error-rate') clearErrorWindow(session);
    this.ctx.request = undefined;
    this.ctx.applyPending();
    session.beginStretch();
    this.ctx.apply('resume', reason);
    this.ctx.wakeUp?.();
  }

  private requestStop(reason: string): Promise<TrainingResult> {
    let transition: RunTransition;
    try {
      transition = this.ctx.apply('stop');
    } catch (error) {
      return Promise.reject(error);
    }
    if (transition.kind === 'stay') {
      return this.ctx.phase === 'stopping' ? this.done! : Promise.resolve(this.ctx.lastResult!);
    }
    const previous = this.ctx.request;
    // a run paused by a failed save ends because of it, whoever asked for the stop
    const why = previous?.checkpoint !== undefined ? previous.reason : reason;
    this.ctx.request = {
      ...previous,
      reason: why,
      at: previous?.at ?? performance.now(),
      acked: previous?.acked ?? false,
    };
    if (previous === undefined) this.ctx.interrupt();
    this.ctx.wakeUp?.();
    return this.done!;
  }

  // ---- control, configure, progress ---------------------------------------------------------

  private onControl(request: ControlRequest): void {
    this.ctx.run?.log.info(
      { event: 'control', command: request.command, id: request.id, from: request.pid },
      `control: ${request.command} (from process ${request.pid})`,
    );
    answerControl(
      request,
      {
        pause: () => this.requestPause('control').then((games) => `paused at ${games} games`),
        resume: () =>
          this.requestResume('control').then(() => `training from ${this.ctx.games} games`),
        stop: () => this.requestStop('control').then((r) => `stopped at ${r.gamesCompleted} games`),
      },
      (ack) =>
        this.ctx.attachments?.status.update({ ...this.ctx.statusFields(), control: ack }, true),
    );
  }

  private deliverProgress(event: TrainingProgressEvent): void {
    this.ctx.emitter.emit('progress', event);
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
    this.ctx.run?.log.warn(
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
