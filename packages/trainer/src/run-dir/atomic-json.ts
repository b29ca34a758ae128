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
import { isProcessAlive } from './process-identity';

const TEMP_PATTERN = /^\.(manifest|status|control)\.json\.tmp-(\d+)-[0-9a-f]+$/;

function tempPathFor(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/** fsync on a directory makes a rename in it durable (Windows cannot open one; NTFS journals it). */
export function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes JSON so that a reader (or a crash) sees the old file or the new one, never a mix: a temp
 * file in the same directory, write, then rename. `durable` (the manifest) adds an fsync of the
 * file before the rename and of the directory after it, so the new content survives power loss;
 * status and control files are rewritten often and need only atomicity.
 */
export function writeJsonAtomic(path: string, value: unknown, durable = false): void {
  const temp = tempPathFor(path);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const fd = openSync(temp, 'wx');
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
  if (durable) syncDirectory(dirname(path));
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
