import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The files of a run directory (docs: DESIGN.md, "A training run"). */
export const MANIFEST_FILE = 'manifest.json';
export const STATUS_FILE = 'status.json';
export const CONTROL_FILE = 'control.json';
export const LOCK_FILE = 'run.lock';
export const CHECKPOINT_DIR = 'checkpoints';

const TEMP_PATTERN = /^\.(manifest|status|control)\.json\.tmp-(\d+)-[0-9a-f]+$/;

function tempPathFor(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/**
 * Writes JSON so that a reader (or a crash) sees the old file or the new one, never a mix: a temp
 * file in the same directory, then rename. `durable` adds an fsync before the rename (the manifest);
 * status and control files are rewritten often and need only atomicity.
 */
export function writeJsonAtomic(path: string, value: unknown, durable = false): void {
  const temp = tempPathFor(path);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // best effort: the temp name is ours and is removed at the next open anyway
    }
    throw error;
  }
}

/** Parsed JSON, or undefined when the file does not exist. Throws on unreadable or bad JSON. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text);
}

/** Removes temp files of our JSON writes left by a killed process (never another file). */
export function removeStaleJsonTemps(runDir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(runDir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name);
    if (match === null || (Number(match[2]) !== process.pid && isProcessAlive(Number(match[2])))) {
      continue;
    }
    try {
      unlinkSync(join(runDir, name));
      removed.push(name);
    } catch {
      // already gone, or not ours to remove
    }
  }
  return removed;
}

/** True when a process with this pid exists (EPERM: it exists but is someone else's). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
