import { join, resolve } from 'node:path';
import { CheckpointError, type CheckpointErrorCode, errnoOf } from './errors';
import { type FileReadOptions, readCheckpointFile } from './files';
import { nodeFs } from './fs';
import { parseCheckpointFileName } from './names';
import type { RetentionCandidate } from './retention';
import type { CheckpointLogger, LoadedState } from './types';

export interface SkippedCheckpoint {
  path: string;
  code: CheckpointErrorCode;
  message: string;
}

export interface LatestCheckpoint {
  state: LoadedState;
  path: string;
  /** Newer checkpoints that failed to load, newest first. */
  skipped: SkippedCheckpoint[];
}

export interface NewestOptions extends FileReadOptions {
  logger?: CheckpointLogger;
}

/** Checkpoint files of `dir` by name, oldest first. */
export async function checkpointCandidates(
  dir: string,
  options: Pick<FileReadOptions, 'fs'> = {},
): Promise<RetentionCandidate[]> {
  const found: RetentionCandidate[] = [];
  for (const name of await (options.fs ?? nodeFs).readdir(dir)) {
    const gamesCompleted = parseCheckpointFileName(name);
    if (gamesCompleted !== undefined) found.push({ name, gamesCompleted });
  }
  return found.sort((a, b) => a.gamesCompleted - b.gamesCompleted || (a.name < b.name ? -1 : 1));
}

/**
 * Loads the newest checkpoint of `dir` that passes every check (options.accept included), skipping
 * and reporting newer ones that do not. Read-only: it tidies nothing, so it is safe on the
 * directory of a live run. Rejects with CKPT_NOT_FOUND when none is usable (`details.skipped`
 * says why; an unreadable directory is CKPT_READ_FAILED).
 */
export async function loadNewestCheckpoint(
  dir: string,
  options: NewestOptions = {},
): Promise<LatestCheckpoint> {
  const where = resolve(dir);
  let candidates: RetentionCandidate[];
  try {
    candidates = await checkpointCandidates(where, options);
  } catch (error) {
    const errno = errnoOf(error);
    const code = errno === 'ENOENT' ? 'CKPT_NOT_FOUND' : 'CKPT_READ_FAILED';
    throw new CheckpointError(code, `${where}: cannot list (${errno})`, {
      cause: error,
      details: { dir: where, errno, skipped: [] },
    });
  }
  const skipped: SkippedCheckpoint[] = [];
  for (const candidate of candidates.reverse()) {
    const path = join(where, candidate.name);
    try {
      const state = await readCheckpointFile(path, options);
      if (skipped.length > 0)
        options.logger?.warn({ path, skipped }, 'fell back to an older checkpoint');
      return { state, path, skipped };
    } catch (error) {
      if (!(error instanceof CheckpointError)) throw error;
      skipped.push({ path, code: error.code, message: error.message });
      options.logger?.warn({ path, code: error.code, err: error }, 'skipping unusable checkpoint');
    }
  }
  const why = skipped.length === 0 ? 'no checkpoint' : `none of ${skipped.length} is usable`;
  throw new CheckpointError('CKPT_NOT_FOUND', `${where}: ${why}`, {
    details: { dir: where, skipped },
  });
}
