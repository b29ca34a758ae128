import type { BackendChoice, BackendKind, Engine, ModelState } from '@prismind/board/contracts';
import {
  isCheckpointError,
  parseCheckpointFileName,
  readCheckpointFile,
} from '@prismind/checkpoint';
import {
  CHECKPOINT_DIR,
  type CheckpointMetadata,
  createEngine,
  type EngineFactory,
  type EngineSelection,
  fromLoadedState,
} from '@prismind/trainer';
import { readdirSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './errors';

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

/** A checkpoint taken apart: the model and the trainer's metadata. */
export interface LoadedModel {
  path: string;
  model: ModelState;
  metadata: CheckpointMetadata;
  timestamp: number;
}

function existing(path: string): Stats {
  try {
    return statSync(path);
  } catch {
    throw new CliError('NOT_FOUND', `${path}: no such file or directory`);
  }
}

/**
 * A checkpoint file, or the newest checkpoint of a run directory (or of its checkpoints/ folder)
 * when given a directory.
 */
export function resolveCheckpointPath(path: string): string {
  const stats = existing(path);
  if (!stats.isDirectory()) return path;
  const inner = join(path, CHECKPOINT_DIR);
  const dir = existsDir(inner) ? inner : path;
  const newest = readdirSync(dir)
    .map((name) => ({ name, games: parseCheckpointFileName(name) }))
    .filter((c): c is { name: string; games: number } => c.games !== undefined)
    .sort((a, b) => b.games - a.games)[0];
  if (newest === undefined) {
    throw new CliError('NOT_FOUND', `${path}: a directory without checkpoints (ckpt-*.prsm)`);
  }
  return join(dir, newest.name);
}

function existsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Reads and checks a trainer checkpoint; every problem is a one-line CliError. */
export async function loadModel(path: string): Promise<LoadedModel> {
  const file = resolveCheckpointPath(path);
  let loaded: Awaited<ReturnType<typeof readCheckpointFile>>;
  try {
    loaded = await readCheckpointFile(file);
  } catch (error) {
    if (isCheckpointError(error, 'CKPT_NOT_FOUND')) {
      throw new CliError('NOT_FOUND', `${file}: no such checkpoint`, { cause: error });
    }
    const code = isCheckpointError(error) ? ` (${error.code})` : '';
    throw new CliError(
      'BAD_CHECKPOINT',
      `${file}: not a valid checkpoint${code}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    const { model, metadata } = fromLoadedState(loaded, file);
    return { path: file, model, metadata, timestamp: loaded.timestamp };
  } catch (error) {
    throw new CliError('BAD_CHECKPOINT', (error as Error).message, { cause: error });
  }
}

/** A model loaded into an engine of the chosen backend. Dispose the engine when done. */
export interface LoadedEngine extends LoadedModel {
  engine: Engine;
  backend: BackendKind;
  backendReason: string;
}

export async function loadEngine(path: string, backend: BackendChoice): Promise<LoadedEngine> {
  const loaded = await loadModel(path);
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
