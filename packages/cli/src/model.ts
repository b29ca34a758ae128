import type { BackendChoice, BackendKind, Engine } from '@prismind/board/contracts';
import { isCheckpointError } from '@prismind/checkpoint';
import { createEngine, type EngineFactory, type EngineSelection } from '@prismind/trainer';
import {
  describeSkipped,
  type LoadedModel,
  loadModelFrom,
  type SkippedCheckpoint,
} from '@prismind/trainer/run-dir';
import { type Stats, statSync } from 'node:fs';
import { CliError } from './errors';
import { type CliIO, println } from './io';

/** An engine of the chosen backend ('auto': native when its binary loads, else js). */
export function selectEngine(backend: BackendChoice, stages?: number): Promise<EngineSelection> {
  return createEngine({ backend, stages });
}

/**
 * The TrainingManager's engine factory; it hands the whole selection back so the run's manifest
 * records why the backend was taken.
 */
export function cliEngineFactory(onSelect?: (selection: EngineSelection) => void): EngineFactory {
  return async (request) => {
    const selection = await selectEngine(request.backend, request.stages);
    onSelect?.(selection);
    return selection;
  };
}

export type { LoadedModel };

function existing(path: string): Stats {
  try {
    return statSync(path);
  } catch {
    throw new CliError('NOT_FOUND', `${path}: no such file or directory`);
  }
}

/**
 * Reads a trainer checkpoint, or the newest valid one of a run directory or checkpoints folder
 * (damaged and foreign files skipped, one stderr line each: the --json output carries them as
 * `skipped`); every problem is a one-line CliError.
 */
export async function loadModel(path: string, io?: Pick<CliIO, 'stderr'>): Promise<LoadedModel> {
  existing(path);
  let loaded: LoadedModel;
  try {
    loaded = await loadModelFrom(path);
  } catch (error) {
    throw checkpointFailure(path, error);
  }
  if (io !== undefined)
    for (const line of describeSkipped(loaded.skipped)) println(io.stderr, line);
  return loaded;
}

/** A CheckpointError (or a checkpoint that is not a model) as the CLI reports it. */
function checkpointFailure(path: string, error: unknown): CliError {
  if (isCheckpointError(error, 'CKPT_NOT_FOUND')) {
    const skipped = (error.details.skipped ?? []) as SkippedCheckpoint[];
    const why = skipped.length === 0 ? '' : `: ${describeSkipped(skipped).join('; ')}`;
    return new CliError('NOT_FOUND', `${path}: no usable checkpoint${why}`, { cause: error });
  }
  const code = isCheckpointError(error) ? ` (${error.code})` : '';
  return new CliError(
    'BAD_CHECKPOINT',
    `${path}: not a valid checkpoint${code}: ${(error as Error).message}`,
    { cause: error },
  );
}

/** A model loaded into an engine of the chosen backend. Dispose the engine when done. */
export interface LoadedEngine extends LoadedModel {
  engine: Engine;
  backend: BackendKind;
  backendReason: string;
}

export async function loadEngine(
  path: string,
  backend: BackendChoice,
  io?: Pick<CliIO, 'stderr'>,
): Promise<LoadedEngine> {
  const loaded = await loadModel(path, io);
  const selection = await selectEngine(backend, loaded.model.stages);
  try {
    selection.engine.setState(loaded.model);
  } catch (error) {
    await selection.engine.dispose().catch(() => undefined);
    throw new CliError('BAD_CHECKPOINT', `${loaded.path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    ...loaded,
    engine: selection.engine,
    backend: selection.backend,
    backendReason: selection.reason,
  };
}
