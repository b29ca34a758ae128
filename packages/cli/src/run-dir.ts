import {
  inspectRunStatus,
  type RunManifest,
  type RunStatusReport,
  readOrRebuildManifest,
} from '@prismind/trainer/run-dir';
import { statSync } from 'node:fs';
import { CliError } from './errors';
import { type CliIO, println } from './io';

/** The directory must exist: NOT_FOUND otherwise. */
export function requireDirectory(runDir: string): void {
  let isDir = false;
  try {
    isDir = statSync(runDir).isDirectory();
  } catch {
    throw new CliError('NOT_FOUND', `${runDir}: no such run directory`);
  }
  if (!isDir) throw new CliError('NOT_FOUND', `${runDir}: not a directory`);
}

/**
 * The run's manifest: the directory must exist and hold one. A damaged manifest is rebuilt from
 * the run's checkpoints (in memory; the trainer writes it when it next opens the run), with a
 * warning on stderr.
 */
export async function requireRun(runDir: string, io: Pick<CliIO, 'stderr'>): Promise<RunManifest> {
  requireDirectory(runDir);
  let read: Awaited<ReturnType<typeof readOrRebuildManifest>>;
  try {
    read = await readOrRebuildManifest(runDir);
  } catch (error) {
    throw new CliError('FAILED', `${runDir}: ${(error as Error).message}`, { cause: error });
  }
  if (read.manifest === undefined) {
    throw new CliError('NOT_FOUND', `${runDir}: not a training run (no manifest.json)`);
  }
  if (read.rebuilt !== null) println(io.stderr, `warning: ${read.rebuilt}`);
  return read.manifest;
}

/** What the CLI knows of status.json: the report (null when absent or damaged) and any damage. */
export interface RunStatusView {
  status: RunStatusReport | null;
  damaged: string | null;
}

/**
 * status.json is advisory: a damaged one is reported on stderr and read as absent, never a reason
 * to refuse a command (the trainer rewrites it when it opens the run).
 */
export function runStatus(runDir: string, io: Pick<CliIO, 'stderr'>): RunStatusView {
  const read = inspectRunStatus(runDir);
  if (read.damaged !== null) println(io.stderr, `warning: ${read.damaged}; ignored`);
  return read;
}
