import type { ErrorPattern, CheckpointReason, TrainingEvents, TypedEmitter } from './events';
import type { SaveFailure } from './checkpoint-saving';
import { describeError } from './errors';
import type { RunOutcome } from '../run-dir/manifest';
import { recordOutcome } from '../run-dir/manifest';
import type { OpenRun } from './open-run';
import type { ConfigureOptions, ManagerConfig } from './options';
import type { TrainingResult } from './result';
import type { RunAttachments } from './run-attachments';
import {
  announces,
  type RunEvent,
  type RunPhase,
  type RunTransition,
  refusalError,
  transitionOf,
} from './run-state';
import { applySettingChanges } from './settings-changes';
import type { RunStatus, TrainingState } from '../run-dir/status';

/** The request behind the pausing, paused and stopping phases: who asked, when, why. */
export interface PendingRequest {
  reason: string;
  at: number;
  acked: boolean;
  errors?: ErrorPattern | undefined;
  checkpoint?: SaveFailure | undefined;
}

/**
 * The state a TrainingManager and its loop share: the phase and the one function that changes it
 * (`apply`, by the table of run-state.ts), with the side effects a change has (the 'state' event,
 * status.json, the manifest, the pause waiters). The API (training-manager.ts) and the loop
 * (training-loop.ts) only ever move the phase through `apply`.
 */
export class RunContext {
  phase: RunPhase = 'idle';
  /** The last state announced (status.json, 'state' events): a settled phase. */
  stateValue: TrainingState = 'idle';
  request: PendingRequest | undefined;
  /** A checkpoint whose save failed: nothing is played before it is written. */
  unsaved: CheckpointReason | undefined;
  run: OpenRun | undefined;
  attachments: RunAttachments | undefined;
  pauseWaiters: { resolve(games: number): void; reject(error: unknown): void }[] = [];
  /** Wakes the loop waiting in a pause. */
  wakeUp: (() => void) | undefined;
  /** configure() changes not applied yet (a batch keeps the settings it started with). */
  pending: ConfigureOptions = {};
  lastResult: TrainingResult | undefined;

  constructor(
    readonly runDir: string,
    readonly config: ManagerConfig,
    readonly emitter: TypedEmitter<TrainingEvents>,
  ) {}

  /** Games of the run so far (as of the last batch). */
  get games(): number {
    return this.run?.session.games ?? this.lastResult?.gamesCompleted ?? 0;
  }

  /** Settles everyone waiting for a pause: the run paused, or ended, or never opened. */
  settleWaiters(outcome: { games: number } | { error: unknown }): void {
    for (const waiter of this.pauseWaiters.splice(0)) {
      if ('error' in outcome) waiter.reject(outcome.error);
      else waiter.resolve(outcome.games);
    }
  }

  /** The transition `event` takes now; throws the refusal (INVALID_TRANSITION, TRAINING_BUSY). */
  check(event: RunEvent): RunTransition {
    const transition = transitionOf(this.phase, event);
    if (transition.kind === 'refuse') {
      throw refusalError(transition, event, this.phase, this.runDir);
    }
    return transition;
  }

  /** Applies `event`: the one place the phase changes, and the side effects of entering one. */
  apply(event: RunEvent, reason: string | null = null): RunTransition {
    const transition = this.check(event);
    if (transition.kind !== 'move') return transition;
    this.phase = transition.to;
    const to = transition.to;
    if (to === 'paused') this.enterPaused();
    else if (announces(to)) this.announce(to, reason);
    if (to === 'training' && event === 'resume') this.markManifest('running');
    return transition;
  }

  enterPaused(): void {
    const request = this.request!;
    const session = this.run!.session;
    session.endStretch();
    this.announce('paused', request.reason);
    this.markManifest('paused', request.reason);
    this.settleWaiters({ games: session.games });
    const { checkpoint } = request;
    this.emitter.emit('paused', {
      games: session.games,
      reason: request.reason,
      errors: request.errors,
      checkpoint: checkpoint && { errno: checkpoint.errno, error: checkpoint.message },
    });
  }

  /** Stops the batch in hand; with none in flight no game is being played: acknowledged now. */
  interrupt(): void {
    const session = this.run?.session;
    if (session === undefined || !session.interruptBatch()) this.acknowledge();
  }

  acknowledge(): void {
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

  statusFields(): Partial<RunStatus> {
    return this.run?.session.statusFields(this.phase === 'training') ?? {};
  }

  refreshStatus(flush: boolean): void {
    this.attachments?.status.update(this.statusFields(), flush);
  }

  /** A settled state: the 'state' event, status.json and the log say so. */
  announce(to: TrainingState, reason: string | null): void {
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

  markManifest(outcome: RunOutcome, reason?: string, ended = false): void {
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

  applyPending(): void {
    const changes = this.pending;
    if (this.run === undefined || Object.keys(changes).length === 0) return;
    this.pending = {};
    applySettingChanges(this.run, changes);
  }
}
