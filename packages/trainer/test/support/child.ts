import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('../fixtures/train-child.ts', import.meta.url));

/** A training process (test/fixtures/train-child.ts) and what it has said so far. */
export interface TrainerProcess {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first line starting with `prefix` (seen or to come), or rejects on exit. */
  line(prefix: string, timeoutMs?: number): Promise<string>;
  /** The numbers of every line starting with `prefix`, e.g. all checkpoints reported. */
  numbers(prefix: string): number[];
}

/** Starts the fixture with workspace packages resolved to their sources (as vitest does). */
export function spawnTrainer(options: Record<string, unknown>): TrainerProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', CHILD, JSON.stringify(options)],
    { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    buffered += text;
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((w) => line.startsWith(w.prefix))) w.resolve(line);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
  // 'close', not 'exit': 'exit' can come before the pipes are drained, and a line the process
  // wrote just before it was killed (a checkpoint it reported) must be read before its end is.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    lines,
    stderr,
    exited,
    line(prefix, timeoutMs = 30_000) {
      const seen = lines.find((l) => l.startsWith(prefix));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no "${prefix}" line in ${timeoutMs} ms; stderr: ${stderr.join('')}`)),
          timeoutMs,
        );
        waiters.push({
          prefix,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        exited.then(() => {
          const late = lines.find((l) => l.startsWith(prefix));
          clearTimeout(timer);
          if (late !== undefined) resolve(late);
          else reject(new Error(`exited before a "${prefix}" line; stderr: ${stderr.join('')}`));
        });
      });
    },
    numbers(prefix) {
      return lines.filter((l) => l.startsWith(`${prefix} `)).map((l) => Number(l.split(' ')[1]));
    },
  };
}
