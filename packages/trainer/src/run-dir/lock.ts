import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { TrainerError } from '../manager/errors';
import { LOCK_FILE } from './names';
import { currentProcess, isProcessAlive } from './process-identity';

/** Run directories this process trains now (a pid check cannot tell two managers of one process). */
const heldHere = new Set<string>();

export interface RunLock {
  release(): void;
}

/** What run.lock holds: the owner's pid and start time, and a nonce that makes each lock unique. */
interface LockRecord {
  pid: number;
  startTime: string | null;
  since: string;
  nonce: string;
}

function readLock(path: string): { text: string; record: LockRecord | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (typeof value.pid !== 'number') return { text, record: undefined };
    const startTime = typeof value.startTime === 'string' ? value.startTime : null;
    return { text, record: { ...(value as LockRecord), startTime } };
  } catch {
    return { text, record: undefined };
  }
}

function uniqueBeside(path: string, tag: string): string {
  return `${path}.${tag}-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/**
 * Creates run.lock with its whole content in one step: the record is written to a private file and
 * hard-linked to the lock name, which fails with EEXIST when a lock exists. A reader therefore never
 * sees a half-written lock. Returns the text written, or undefined when a lock exists.
 */
function tryCreate(path: string): string | undefined {
  const me = currentProcess();
  const record: LockRecord = {
    pid: me.pid,
    startTime: me.startTime,
    since: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  };
  const text = `${JSON.stringify(record)}\n`;
  const temp = uniqueBeside(path, 'new');
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

const LEFTOVER = new RegExp(`^${LOCK_FILE.replace('.', '\\.')}\\.(new|stale)-(\\d+)-[0-9a-f]+$`);

/** Removes the private files of lock takers that died mid-way (never a live process's). */
function removeLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) {
    const match = LEFTOVER.exec(name);
    if (match === null || isProcessAlive(Number(match[2]))) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // another taker removed it first
    }
  }
}

function isStale(record: LockRecord | undefined, dir: string): boolean {
  if (record === undefined) return true;
  // our own pid on a lock this process does not hold: a restarted container reused the pid
  if (record.pid === process.pid) return !heldHere.has(dir);
  return !isProcessAlive(record.pid, record.startTime);
}

/**
 * Removes a lock judged stale without racing another taker: the lock is renamed to a unique name
 * (only one process wins a rename) and its content compared with what was judged; a lock that
 * turned out to be fresh (another process took over in between) is linked back in place.
 */
function removeStale(path: string, judged: string): void {
  const aside = uniqueBeside(path, 'stale');
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readLock(aside);
  if (moved !== undefined && moved.text !== judged) {
    try {
      linkSync(aside, path);
    } catch {
      // a third process created a lock meanwhile; the fresh one we moved is its rival's loss
    }
  }
  unlinkSync(aside);
}

/**
 * One trainer per run directory: `run.lock` names the owner (pid and start time). A lock whose
 * process is gone (killed, crashed, a zombie, or a reused pid) is stale and taken over; one of a
 * live process is RUN_LOCKED. Two processes racing for a stale lock: exactly one gets it.
 */
export function acquireRunLock(runDir: string): RunLock {
  const dir = resolve(runDir);
  const path = join(dir, LOCK_FILE);
  if (heldHere.has(dir)) {
    throw new TrainerError(
      'RUN_LOCKED',
      `${dir}: another TrainingManager of this process trains it`,
      { details: { runDir: dir, pid: process.pid } },
    );
  }
  let written: string | undefined;
  for (let attempt = 0; written === undefined; attempt++) {
    written = tryCreate(path);
    if (written !== undefined) break;
    const existing = readLock(path);
    if (existing !== undefined && !isStale(existing.record, dir)) {
      const pid = existing.record?.pid;
      throw new TrainerError('RUN_LOCKED', `${dir}: process ${pid} is training this run`, {
        details: { runDir: dir, pid },
      });
    }
    if (attempt >= 8) {
      throw new TrainerError(
        'RUN_LOCKED',
        `${dir}: ${LOCK_FILE} could not be taken in ${attempt + 1} tries (other processes keep taking it over)`,
        { details: { runDir: dir } },
      );
    }
    if (existing !== undefined) removeStale(path, existing.text);
  }
  heldHere.add(dir);
  removeLeftovers(dir);
  const mine = written;
  let held = true;
  return {
    release(): void {
      if (!held) return;
      held = false;
      heldHere.delete(dir);
      if (readLock(path)?.text !== mine) return;
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}
