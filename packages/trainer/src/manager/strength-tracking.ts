import { writeCheckpointFile } from '@prismind/checkpoint';
import { join } from 'node:path';
import {
  isStronger,
  measureStrength,
  type StrengthRecord,
  StrengthSchedule,
  type StrengthSettings,
} from '../strength/in-run';
import { checkpointMetadata } from './checkpoint-saving';
import { describeError } from './errors';
import { toCheckpointState } from './model-checkpoint';
import type { TrainingSession } from './session';

/** Where a run keeps its strongest model: beside the numbered checkpoints, out of retention's reach. */
export const BEST_CHECKPOINT_FILE = 'best.prsm';

/** The strongest measurement so far and where its model is. */
export interface BestStrength extends StrengthRecord {
  path: string | null;
}

/**
 * A run measuring its own strength while it trains (docs/architecture.md, "Strength"): when its
 * schedule says so, between batches (the engine is idle then), it plays the League and scores the
 * solved endgames, writes the result to the log, metrics.jsonl, TensorBoard and status.json, and
 * keeps the strongest model as checkpoints/best.prsm.
 */
export class StrengthTracker {
  latest: StrengthRecord | undefined;
  best: BestStrength | undefined;
  private readonly schedule: StrengthSchedule | undefined;

  constructor(
    private readonly settings: StrengthSettings | false,
    games: number,
    trainingMs: number,
  ) {
    this.schedule =
      settings === false ? undefined : new StrengthSchedule(settings, games, trainingMs);
  }

  /** True when a measurement is due now (`final`: the run reached its target and was not measured there). */
  due(games: number, trainingMs: number, final = false): boolean {
    if (this.schedule === undefined) return false;
    if (final) return this.latest?.games !== games;
    return this.schedule.due(games, trainingMs);
  }

  /** Measures the session's model and records the result; a failure is logged, never fatal. */
  async measure(session: TrainingSession): Promise<StrengthRecord | undefined> {
    if (this.settings === false) return undefined;
    const { log, telemetry, emitter } = session.deps;
    this.schedule?.taken(session.games, session.elapsedMs());
    let record: StrengthRecord;
    try {
      record = await measureStrength(session.engine, session.games, this.settings);
    } catch (error) {
      log.warn(
        { event: 'strength_failed', err: describeError(error) },
        'strength measurement failed',
      );
      return undefined;
    }
    this.latest = record;
    const { league, endgame } = record;
    // The convergence monitor's stagnation rule watches strength once it has enough scores.
    session.convergence.observeStrength(league.score);
    telemetry.metrics.write('strength', record);
    telemetry.tensorboard?.addScalars(
      {
        'strength/league_score': league.score,
        'strength/endgame_mae': endgame.mae,
        'strength/endgame_1ply_best': endgame.onePlyBestRate,
        'strength/endgame_depth4_best': endgame.depth4BestRate,
      },
      session.games,
    );
    const stronger = isStronger(record, this.best);
    if (stronger) this.best = { ...record, path: await this.saveBest(session) };
    log.info(
      { event: 'strength', ...record, best: stronger },
      `strength at ${session.games} games: League ${league.score.toFixed(3)} ` +
        `[${league.low.toFixed(3)}, ${league.high.toFixed(3)}], endgame error ${endgame.mae.toFixed(1)} discs` +
        (stronger ? ' (best so far)' : ''),
    );
    emitter.emit('strength', { ...record, best: stronger });
    return record;
  }

  /** Writes the model as checkpoints/best.prsm (atomic); null when it could not be written. */
  private async saveBest(session: TrainingSession): Promise<string | null> {
    const path = join(session.deps.checkpoints.dir, BEST_CHECKPOINT_FILE);
    try {
      const state = toCheckpointState(session.engine.getState(), checkpointMetadata(session));
      await writeCheckpointFile(path, state, {
        compress: session.deps.config.compression.compress,
      });
      return path;
    } catch (error) {
      session.deps.log.warn(
        { event: 'best_checkpoint_failed', err: describeError(error) },
        `the best model could not be written to ${path}`,
      );
      return null;
    }
  }
}
