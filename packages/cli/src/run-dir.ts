import {
  type RunManifest,
  type RunStatusReport,
  readManifest,
  readRunStatus,
} from '@prismind/trainer';
import { statSync } from 'node:fs';
import { CliError } from './errors';

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

/** The run's manifest: the directory must exist and hold one. */
export function requireRun(runDir: string): RunManifest {
  requireDirectory(runDir);
  let manifest: RunManifest | undefined;
  try {
    manifest = readManifest(runDir);
  } catch (error) {
    throw new CliError(
      'FAILED',
      `${runDir}: unreadable manifest.json: ${(error as Error).message}`,
    );
  }
  if (manifest === undefined) {
    throw new CliError('NOT_FOUND', `${runDir}: not a training run (no manifest.json)`);
  }
  return manifest;
}

/** status.json as readRunStatus reports it (null when the run has none); unreadable is FAILED. */
export function runStatus(runDir: string): RunStatusReport | null {
  try {
    return readRunStatus(runDir);
  } catch (error) {
    throw new CliError('FAILED', `${runDir}: unreadable status.json: ${(error as Error).message}`);
  }
}
