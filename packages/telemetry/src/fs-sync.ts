import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { TelemetryError } from './errors';

/**
 * Opens `path` for appending (creating its directory), synchronously: telemetry writes with
 * `writeSync` so that a line handed over before `process.exit()` is on disk, not in a buffer.
 * Throws IO_FAILED with the system error as cause.
 */
export function openForAppend(path: string, flags = 'a'): number {
  try {
    mkdirSync(dirname(path), { recursive: true });
    return openSync(path, flags);
  } catch (cause) {
    throw new TelemetryError('IO_FAILED', `cannot open ${path} for writing: ${describe(cause)}`, {
      cause,
      details: { path },
    });
  }
}

/** Writes all of `data` to `fd` (looping over partial writes). Throws the system error. */
export function writeAllSync(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.length) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset);
  }
}

/** Closes `fd`, ignoring errors: there is nothing useful to do about a failed close. */
export function closeQuietly(fd: number | null): void {
  if (fd === null) return;
  try {
    closeSync(fd);
  } catch {
    // already closed or the device went away; the data was written synchronously before
  }
}

/** A one-line description of an unknown thrown value, for messages. */
export function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== undefined && !error.message.startsWith(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
