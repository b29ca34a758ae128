import type { BackendChoice, BackendKind, Engine } from '@prismind/board/contracts';
import { type CheckpointManager, isCheckpointError } from '@prismind/checkpoint';
import { type LoadedModel, modelOfLatest } from '../run-dir/newest-checkpoint';
import type { Logger } from '@prismind/telemetry';
import { createEngine } from '../backend/create-engine';
import { TrainerError } from './errors';
import { trainerCheckpointProblem } from './model-checkpoint';
import type { ManagerConfig } from './options';

/** An engine, which backend it is, and why. */
export interface MadeEngine {
  engine: Engine;
  backend: BackendKind;
  reason: string;
}

/** A checkpoint as a session restores it (and the newer files skipped on the way). */
export type RestoredCheckpoint = LoadedModel;

/**
 * Makes an engine: the factory given in the options (an Engine, or a selection with its reason),
 * or createEngine() for the backend. An engine of another stage count is RUN_MISMATCH.
 */
export async function makeEngine(
  config: ManagerConfig,
  log: Logger,
  attempt: number,
  backend: BackendChoice = config.backend,
): Promise<MadeEngine> {
  let made: MadeEngine;
  if (config.engineFactory !== undefined) {
    const given = await config.engineFactory({ backend, stages: config.stages, attempt });
    made =
      'engine' in given
        ? { engine: given.engine, backend: given.backend, reason: given.reason }
        : { engine: given, backend: given.backend, reason: 'engine factory given in the options' };
  } else {
    made = await createEngine({ backend, stages: config.stages, logger: log });
  }
  if (made.engine.shape.stages !== config.stages) {
    await made.engine.dispose().catch(() => undefined);
    throw new TrainerError(
      'RUN_MISMATCH',
      `the engine has ${made.engine.shape.stages} stages, the run ${config.stages}`,
    );
  }
  return made;
}

/**
 * The latest usable checkpoint of a run (loadLatest falls back past damaged and foreign files,
 * refusing a foreign one before inflating its data), or undefined
 * when the run has none at all; NO_USABLE_CHECKPOINT when it has some and none loads.
 */
export async function loadLatestCheckpoint(
  checkpoints: CheckpointManager,
): Promise<RestoredCheckpoint | undefined> {
  let latest: Awaited<ReturnType<CheckpointManager['loadLatest']>>;
  try {
    latest = await checkpoints.loadLatest({ accept: trainerCheckpointProblem });
  } catch (error) {
    if (!isCheckpointError(error, 'CKPT_NOT_FOUND')) throw error;
    const skipped = (error.details.skipped ?? []) as unknown[];
    if (skipped.length === 0) return undefined;
    throw new TrainerError(
      'NO_USABLE_CHECKPOINT',
      `${checkpoints.dir}: ${skipped.length} checkpoint(s), none loads`,
      { cause: error, details: { skipped } },
    );
  }
  try {
    return modelOfLatest(latest);
  } catch (error) {
    throw new TrainerError('NO_USABLE_CHECKPOINT', (error as Error).message, { cause: error });
  }
}

/** Disposes an engine, giving up after `ms` (a hung engine may never answer). */
export async function disposeWithin(engine: Engine, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([engine.dispose().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
