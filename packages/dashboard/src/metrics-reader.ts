import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes read per step: a long history is taken in slices, never in one buffer. */
const CHUNK_BYTES = 1 << 20;

/**
 * Reads a JSON-lines file from its start as another process appends to it: each `read(onLine)`
 * hands over the whole lines written since the last call (a line still being written waits for its
 * newline). The file may not exist yet; one that shrank (a new run in the directory) is read again
 * from the start after `onReset`, so the caller can drop what it built first. Memory is one chunk
 * and one partial line, whatever the file's size. Returns whether anything was read.
 */
export class JsonLinesReader {
  private offset = 0;
  private rest = '';

  constructor(readonly path: string) {}

  read(onLine: (value: unknown) => void, onReset: () => void): boolean {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return false;
    }
    try {
      const size = fstatSync(fd).size;
      let read = false;
      if (size < this.offset) {
        this.offset = 0;
        this.rest = '';
        onReset();
        read = true;
      }
      const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(0, size - this.offset)));
      while (this.offset < size) {
        const got = readSync(
          fd,
          buffer,
          0,
          Math.min(buffer.length, size - this.offset),
          this.offset,
        );
        if (got === 0) break;
        this.offset += got;
        const lines = (this.rest + buffer.toString('utf8', 0, got)).split('\n');
        this.rest = lines.pop() ?? '';
        for (const line of lines) emit(line, onLine);
        read = true;
      }
      return read;
    } finally {
      closeSync(fd);
    }
  }
}

function emit(line: string, onLine: (value: unknown) => void): void {
  if (line.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return; // a torn or foreign line: metrics are for looking at, one lost line is no harm
  }
  onLine(value);
}
