import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** A control request is a few hundred bytes; anything past this is not one and is never read. */
export const MAX_CONTROL_BYTES: number = 64 * 1024;

/** What one look at control.json found. */
export type ControlFileRead =
  | { kind: 'absent' }
  | { kind: 'unchanged' }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'text'; text: string };

/**
 * Reads control.json only when it changed since the last look (inode, size or mtime differ) and
 * only up to MAX_CONTROL_BYTES: the trainer polls it every ~150 ms, and a huge or unchanged file
 * must cost a stat, not a read.
 */
export class ControlFileReader {
  private seen: string | undefined;

  constructor(
    private readonly path: string,
    private readonly maxBytes: number = MAX_CONTROL_BYTES,
  ) {}

  read(): ControlFileRead {
    let stamp: string;
    let size: number;
    try {
      const stats = statSync(this.path);
      size = stats.size;
      stamp = `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.seen = undefined;
      return { kind: 'absent' };
    }
    if (stamp === this.seen) return { kind: 'unchanged' };
    this.seen = stamp;
    if (size > this.maxBytes) return { kind: 'too-large', bytes: size };
    return { kind: 'text', text: this.readBounded() };
  }

  /** At most maxBytes + 1 bytes, even if the file grew since the stat. */
  private readBounded(): string {
    const fd = openSync(this.path, 'r');
    try {
      const limit = Math.min(fstatSync(fd).size, this.maxBytes + 1);
      const buffer = Buffer.alloc(limit);
      let got = 0;
      while (got < limit) {
        const n = readSync(fd, buffer, got, limit - got, got);
        if (n === 0) break;
        got += n;
      }
      return buffer.toString('utf8', 0, got);
    } finally {
      closeSync(fd);
    }
  }
}
