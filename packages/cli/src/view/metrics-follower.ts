import { runPaths } from '@prismind/trainer/run-dir';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** One parsed line of metrics.jsonl. */
export interface MetricsLine {
  kind: string;
  time: number;
  [field: string]: unknown;
}

/** The first look reads at most this much of the file's end (older lines are history). */
const TAIL_BYTES = 1 << 20;

/**
 * Follows a run's metrics.jsonl as another process appends to it: each `read()` returns the whole
 * lines written since the last one (a line still being written waits for its newline). The file may
 * not exist yet; a file that shrank (a new run in the directory) is read again from its start.
 */
export class MetricsFollower {
  readonly path: string;
  private offset = -1;
  private rest = '';

  constructor(runDir: string) {
    this.path = runPaths(runDir).metrics;
  }

  read(): MetricsLine[] {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return [];
    }
    try {
      const size = fstatSync(fd).size;
      let skipFirst = false;
      if (this.offset < 0 || size < this.offset) {
        this.offset = Math.max(0, size - TAIL_BYTES);
        skipFirst = this.offset > 0;
        this.rest = '';
      }
      if (size === this.offset) return [];
      const buffer = Buffer.alloc(size - this.offset);
      const got = readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset += got;
      const text = this.rest + buffer.subarray(0, got).toString('utf8');
      const lines = text.split('\n');
      this.rest = lines.pop() ?? '';
      if (skipFirst) lines.shift();
      return lines.flatMap((line) => parse(line));
    } finally {
      closeSync(fd);
    }
  }
}

function parse(line: string): MetricsLine[] {
  if (line.trim() === '') return [];
  try {
    const value = JSON.parse(line) as MetricsLine;
    return typeof value === 'object' && value !== null && typeof value.kind === 'string'
      ? [value]
      : [];
  } catch {
    return [];
  }
}
