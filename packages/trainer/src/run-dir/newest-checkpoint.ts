import type { ModelState } from '@prismind/board/contracts';
import {
  type CheckpointError,
  type CheckpointLogger,
  type LatestCheckpoint,
  loadNewestCheckpoint,
  readCheckpointFile,
  type SkippedCheckpoint,
} from '@prismind/checkpoint';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CheckpointMetadata,
  fromLoadedState,
  trainerCheckpointProblem,
} from '../manager/model-checkpoint';
import { CHECKPOINT_DIR } from './names';

/** A trainer model loaded from a checkpoint, and the newer files passed over on the way. */
export interface LoadedModel {
  path: string;
  model: ModelState;
  metadata: CheckpointMetadata;
  /** When the checkpoint was saved (ms since the epoch). */
  timestamp: number;
  /** Newer checkpoints that were damaged or foreign, newest first, each with its code and why. */
  skipped: SkippedCheckpoint[];
}

/** A loaded newest checkpoint taken apart into the trainer's model. */
export function modelOfLatest(latest: LatestCheckpoint): LoadedModel {
  const { model, metadata } = fromLoadedState(latest.state, latest.path);
  return {
    path: latest.path,
    model,
    metadata,
    timestamp: latest.state.timestamp,
    skipped: latest.skipped,
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A run directory → its checkpoints/ folder; any other folder is taken to hold checkpoints. */
export function checkpointFolder(dir: string): string {
  const inner = join(dir, CHECKPOINT_DIR);
  return isDirectory(inner) ? inner : dir;
}

/**
 * The newest checkpoint of a run (a run directory or a folder of ckpt-*.prsm files) that is a
 * valid trainer model: damaged files (truncated, CRC mismatch) and foreign ones (a valid .prsm
 * that is not a trainer model, refused before its data is inflated) are skipped and reported.
 * Read-only, so safe on a live run. Rejects with CheckpointError CKPT_NOT_FOUND (`details.skipped`)
 * when none loads.
 */
export async function loadNewestModel(
  dir: string,
  options: { logger?: CheckpointLogger } = {},
): Promise<LoadedModel> {
  const latest = await loadNewestCheckpoint(checkpointFolder(dir), {
    accept: trainerCheckpointProblem,
    logger: options.logger,
  });
  return modelOfLatest(latest);
}

/**
 * A checkpoint file, or the newest valid checkpoint of a directory (loadNewestModel): what every
 * command that takes "a checkpoint or a run" loads. A file given by name is not fallen back from.
 */
export async function loadModelFrom(path: string): Promise<LoadedModel> {
  if (isDirectory(path)) return loadNewestModel(path);
  const state = await readCheckpointFile(path, { accept: trainerCheckpointProblem });
  return modelOfLatest({ state, path, skipped: [] });
}

/** One line per skipped checkpoint, for a warning on screen. */
export function describeSkipped(skipped: readonly SkippedCheckpoint[]): string[] {
  return skipped.map((s) => {
    // checkpoint messages start with the path, which the line already names
    const why = s.message.startsWith(`${s.path}: `)
      ? s.message.slice(s.path.length + 2)
      : s.message;
    return `skipped ${s.path}: ${s.code} (${why})`;
  });
}

export type { CheckpointError, SkippedCheckpoint };
