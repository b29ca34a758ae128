import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TrainerError } from './errors';
import { isProcessAlive, LOCK_FILE } from './run-files';

/** Run directories this process trains now (a pid check cannot tell two managers of one process). */
const heldHere = new Set<string>();

export interface RunLock {
  release(): void;
}

function readLockPid(path: string): number | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown };
    return typeof value.pid === 'number' ? value.pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One trainer per run directory: `run.lock` holds the owner's pid, created exclusively. A lock whose
 * process is gone (killed, crashed) is stale and taken over; one of a live process is RUN_LOCKED.
 * A lock with our own pid that this process does not hold is stale too: in a container a restarted
 * process often gets the pid of the one that died.
 */
export function acquireRunLock(runDir: string): RunLock {
  const dir = resolve(runDir);
  const path = join(dir, LOCK_FILE);
  if (heldHere.has(dir)) {
    throw new TrainerError(
      'RUN_LOCKED',
      `${dir}: another TrainingManager of this process trains it`,
      {
        details: { runDir: dir, pid: process.pid },
      },
    );
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, `${JSON.stringify({ pid: process.pid, since: new Date().toISOString() })}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      const pid = readLockPid(path);
      if (pid !== undefined && pid !== process.pid && isProcessAlive(pid)) {
        throw new TrainerError('RUN_LOCKED', `${dir}: process ${pid} is training this run`, {
          details: { runDir: dir, pid },
        });
      }
      try {
        unlinkSync(path);
      } catch {
        // someone else removed it first; try again
      }
    }
  }
  heldHere.add(dir);
  let held = true;
  return {
    release(): void {
      if (!held) return;
      held = false;
      heldHere.delete(dir);
      if (readLockPid(path) !== process.pid) return;
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}
