import { join } from 'node:path';
import { errnoOf } from './errors';
import type { CheckpointFs } from './fs';
import { parseTempFileName } from './names';
import type { CheckpointLogger } from './types';
import { activeTempFiles } from './write';

/** What opening a directory cleaned up. */
export interface StartupReport {
  /** Temp files of interrupted saves, removed. */
  removedTempFiles: string[];
  /** Temp files left alone: a save in progress (this process or another live one). */
  keptTempFiles: string[];
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoOf(error) === 'EPERM';
  }
}

/**
 * A temp file is stale when the process that wrote it is gone. One with our own pid is stale
 * unless this process is writing it now: in a container a restarted process often gets the pid
 * its crashed predecessor had.
 */
function isStale(path: string, pid: number): boolean {
  if (pid === process.pid) return !activeTempFiles.has(path);
  return !isProcessAlive(pid);
}

/**
 * Removes temp files left by interrupted saves in `dir`. Only names of the temp pattern
 * (`.<name>.prsm.tmp-<pid>-<hex>`) are candidates, so a finalized checkpoint (`ckpt-*.prsm`) or
 * any other file can never be taken for one.
 */
export async function removeStaleTempFiles(
  fs: CheckpointFs,
  dir: string,
  logger: CheckpointLogger,
): Promise<StartupReport> {
  const report: StartupReport = { removedTempFiles: [], keptTempFiles: [] };
  for (const name of await fs.readdir(dir)) {
    const temp = parseTempFileName(name);
    if (temp === undefined || !temp.target.endsWith('.prsm')) continue;
    const path = join(dir, name);
    if (!isStale(path, temp.pid)) {
      report.keptTempFiles.push(path);
      continue;
    }
    try {
      await fs.unlink(path);
      report.removedTempFiles.push(path);
    } catch (error) {
      const errno = errnoOf(error);
      if (errno !== 'ENOENT') {
        logger.warn({ path, errno, err: error }, 'cannot remove a leftover checkpoint temp file');
      }
    }
  }
  if (report.removedTempFiles.length > 0) {
    logger.warn(
      { dir, removed: report.removedTempFiles },
      `removed ${report.removedTempFiles.length} temp file(s) left by an interrupted checkpoint save`,
    );
  }
  if (report.keptTempFiles.length > 0) {
    logger.info(
      { dir, kept: report.keptTempFiles },
      'left checkpoint temp file(s) of a save still in progress',
    );
  }
  return report;
}
