import type { CheckpointReason, TrainingProgressEvent } from './events';
import { saveFailureReason } from './checkpoint-saving';
import type { ControlRequest } from '../run-dir/control';
import { describeError, isTrainerError, TrainerError } from './errors';
import { errorStorm } from './game-accounting';
import { type OpenRun, openRun } from './open-run';
import type { ParsedStart } from './options-parse';
import { buildResult, type TrainingResult } from './result';
import { attachRun } from './run-attachments';
import type { RunContext } from './run-context';
import type { TrainingSession } from './session';
import { EngineBatchError } from './watchdog';

/** What the loop calls back into the manager for: progress, control commands, signals. */
export interface LoopHooks {
  deliverProgress(event: TrainingProgressEvent): void;
  onControl(request: ControlRequest): void;
  onSignal(signal: NodeJS.Signals): Promise<unknown>;
}

/**
 * One start() of a run: opens it, plays batches until it ends, waits inside pauses, saves the
 * checkpoints, and ends it (completed, stopped or failed) with its result. Every phase change goes
 * through the context's `apply`.
 */
export class TrainingLoop {
  constructor(
    private readonly ctx: RunContext,
    private readonly hooks: LoopHooks,
  ) {}

  async runSession(parsed: ParsedStart): Promise<TrainingResult> {
    let run: OpenRun;
    try {
      run = await this.openSession(parsed);
    } catch (error) {
      this.ctx.apply('open-failed');
      this.ctx.settleWaiters({ error });
      throw error;
    }
    try {
      this.ctx.applyPending();
      run.session.beginStretch();
      this.ctx.apply('opened', run.resumed ? 'continued' : 'new run');
      await this.loop(run.session);
      return await this.finish();
    } catch (error) {
      throw await this.fail(error);
    }
  }

  /** Plays batches until the run ends; pauses wait inside. */
  private async loop(session: TrainingSession): Promise<void> {
    for (;;) {
      if (this.ctx.phase === 'stopping') return this.stopHere(session);
      if (this.ctx.phase === 'pausing') {
        await this.pauseHere(session);
        continue;
      }
      if (this.ctx.phase === 'paused') {
        await this.waitForWakeUp();
        continue;
      }
      if (this.ctx.unsaved !== undefined && !(await this.save(session, this.ctx.unsaved))) continue;
      if (session.games >= session.settings.targetGames) {
        await session.measureStrengthIfDue(true);
        if (await this.save(session, 'final'))
          return void this.ctx.apply('target-reached', 'target reached');
        continue;
      }
      await this.playBatch(session);
    }
  }

  /** The pause checkpoint; the run is paused once it is on disk (or paused by its failure). */
  private async pauseHere(session: TrainingSession): Promise<void> {
    this.ctx.acknowledge();
    if (await this.save(session, this.requestCheckpointReason('pause'))) {
      this.ctx.apply('pause-saved');
    }
  }

  /** Waits in a pause until resume() or stop() wakes the loop. */
  private async waitForWakeUp(): Promise<void> {
    await new Promise<void>((wake) => {
      this.ctx.wakeUp = wake;
    });
    this.ctx.wakeUp = undefined;
  }

  /** An error-storm pause or stop saves as 'error-rate', any other as itself. */
  private requestCheckpointReason(kind: 'pause' | 'stop'): CheckpointReason {
    return this.ctx.request?.reason === 'error-rate' ? 'error-rate' : kind;
  }

  private async playBatch(session: TrainingSession): Promise<void> {
    this.ctx.applyPending();
    const size = session.nextBatchSize();
    try {
      const batch = await session.runBatch(size);
      if (this.ctx.phase !== 'training') this.ctx.acknowledge();
      session.account(size, batch);
    } catch (error) {
      if (this.ctx.phase !== 'training') this.ctx.acknowledge();
      if (!(error instanceof EngineBatchError)) throw error;
      await session.recover(error);
      this.ctx.refreshStatus(true);
      return;
    }
    const saved = session.checkpointDue() && (await this.save(session, 'interval'));
    this.checkErrorRate(session);
    if (this.ctx.phase === 'training') await session.measureStrengthIfDue();
    this.ctx.refreshStatus(saved);
  }

  /**
   * Saves a checkpoint. When it cannot be written (the checkpoint manager retried once already),
   * the run pauses with the reason (`checkpoint-failed: disk full (ENOSPC)`) instead of training
   * on unsaved; resume() tries the same save again first. While stopping, the stop goes on.
   */
  private async save(session: TrainingSession, reason: CheckpointReason): Promise<boolean> {
    const failure = await session.saveCheckpoint(reason);
    if (failure === undefined) {
      this.ctx.unsaved = undefined;
      return true;
    }
    this.ctx.unsaved = reason;
    const why = saveFailureReason(failure);
    const stopping = this.ctx.phase === 'stopping';
    this.ctx.run!.log.error(
      { event: 'checkpoint_pause', games: session.games, errno: failure.errno, stopping },
      `${why} at ${session.games} games (last checkpoint: ${session.lastCheckpoint?.games ?? 'none'}); ` +
        (stopping ? 'the stop goes on' : 'pausing until space is back and the run is resumed'),
    );
    if (!stopping) {
      this.ctx.request = { reason: why, at: performance.now(), acked: true, checkpoint: failure };
    }
    this.ctx.apply('save-failed', why);
    return false;
  }

  /** The stop checkpoint; without it the run ends at its last checkpoint on disk. */
  private async stopHere(session: TrainingSession): Promise<void> {
    this.ctx.acknowledge();
    const saved = await this.save(session, this.requestCheckpointReason('stop'));
    if (!saved && session.hasUnsavedGames) {
      const from = session.games;
      const lost = session.rollBackToCheckpoint();
      this.ctx.run!.log.error(
        { event: 'unsaved_games_lost', games: session.games, lost },
        `the stop checkpoint at ${from} games cannot be written: the run ends at its last checkpoint (${session.games} games), ${lost} games are lost`,
      );
    }
    this.ctx.apply('stop-finished', this.ctx.request?.reason ?? 'request');
  }

  private checkErrorRate(session: TrainingSession): void {
    if (this.ctx.phase !== 'training') return;
    const storm = errorStorm(session);
    if (storm === undefined) return;
    const action = this.ctx.config.errorAction;
    this.ctx.run?.log.error(
      { event: 'error_storm', action, games: session.games, ...storm },
      `error rate ${(storm.rate * 100).toFixed(2)}% over ${storm.windowGames} games passes ${(storm.threshold * 100).toFixed(2)}%: saving a checkpoint and ${action === 'pause' ? 'pausing' : 'stopping'} (${Object.entries(
        storm.byKind,
      )
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')})`,
    );
    this.ctx.apply(action);
    this.ctx.request = { reason: 'error-rate', at: performance.now(), acked: true, errors: storm };
  }

  // ---- endings ------------------------------------------------------------------------------

  private async finish(): Promise<TrainingResult> {
    const run = this.ctx.run!;
    const outcome = this.ctx.phase === 'completed' ? 'completed' : 'stopped';
    const reason =
      outcome === 'completed' ? 'target reached' : (this.ctx.request?.reason ?? 'request');
    run.session.endStretch();
    const result = buildResult(run.session, this.ctx.runDir, outcome, reason);
    this.ctx.markManifest(outcome, reason, true);
    run.log.info(
      { event: 'run_finished', ...result },
      `run ${outcome} (${reason}) at ${result.gamesCompleted} games`,
    );
    this.ctx.lastResult = result;
    this.ctx.settleWaiters({ games: run.session.games });
    await this.close();
    return result;
  }

  private async fail(error: unknown): Promise<TrainerError> {
    const run = this.ctx.run;
    const { message } = describeError(error);
    if (run === undefined) return new TrainerError('TRAINING_FAILED', message, { cause: error });
    const result = buildResult(run.session, this.ctx.runDir, 'failed', message);
    run.log.error(
      { event: 'run_failed', err: describeError(error), games: run.session.games },
      `run failed at ${run.session.games} games: ${message}`,
    );
    this.ctx.apply('crash', message);
    this.ctx.markManifest('failed', message, true);
    this.ctx.lastResult = result;
    this.ctx.settleWaiters({ error });
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
    const run = this.ctx.run;
    // closed, not dropped: a control command's last answer (stop: done) still goes to status.json
    this.ctx.attachments?.close();
    this.ctx.request = undefined;
    this.ctx.unsaved = undefined;
    if (run === undefined) return;
    await run.session.dispose();
    run.telemetry.close();
    run.lock.release();
    this.ctx.run = undefined;
  }

  // ---- run directory ------------------------------------------------------------------------

  private async openSession(parsed: ParsedStart): Promise<OpenRun> {
    const run = await openRun(this.ctx.config, this.ctx.runDir, parsed, this.ctx.emitter, (event) =>
      this.hooks.deliverProgress(event),
    );
    this.ctx.run = run;
    this.ctx.attachments = attachRun(run, this.ctx.config, this.ctx.runDir, {
      statusFields: () => this.ctx.statusFields(),
      onControl: this.hooks.onControl,
      onSignal: this.hooks.onSignal,
    });
    return run;
  }
}
