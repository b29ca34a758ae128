import { readFile } from 'node:fs/promises';
import { runPaths } from '@prismind/trainer/run-dir';
import { DebugError } from './errors';

/** pino's numeric levels. */
const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

export function levelName(level: number): string {
  return LEVEL_NAMES[level] ?? String(level);
}

/** The JSON objects of a JSON-lines file; lines that are not JSON objects are counted, not fatal. */
export async function readJsonLines(
  path: string,
): Promise<{ records: Record<string, unknown>[]; bad: number; lines: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { records: [], bad: 0, lines: 0 };
    throw new DebugError('DEBUG_READ_FAILED', `${path} cannot be read (${code ?? 'error'})`, {
      cause,
      details: { path },
    });
  }
  const records: Record<string, unknown>[] = [];
  let bad = 0;
  let lines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    lines++;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        records.push(value as Record<string, unknown>);
      } else {
        bad++;
      }
    } catch {
      // a line cut short by a crash is expected at the end of a log
      bad++;
    }
  }
  return { records, bad, lines };
}

/** An error-worthy log line, normalised. */
export interface LogError {
  /** ms since the epoch (pino's `time`), or null. */
  time: number | null;
  level: number;
  levelName: string;
  /** The `event` field when the line has one (game_failed, checkpoint_failed, divergence, ...). */
  event: string | null;
  message: string;
  /** The error's message (`err.message`, `error.message`, or the field as text), or null. */
  error: string | null;
}

function errorText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
    return (value as { message: string }).message;
  }
  return JSON.stringify(value);
}

/** A log line is an error when its level is warn (40) or above, or it carries `err` / `error`. */
export function toLogError(record: Record<string, unknown>): LogError | null {
  const level = typeof record.level === 'number' ? record.level : 0;
  const error = errorText(record.err) ?? errorText(record.error);
  if (level < 40 && error === null) return null;
  return {
    time: typeof record.time === 'number' ? record.time : null,
    level,
    levelName: levelName(level),
    event: typeof record.event === 'string' ? record.event : null,
    message: typeof record.msg === 'string' ? record.msg : '',
    error,
  };
}

/** The error lines of a run's log. */
export async function readRunErrors(
  runDir: string,
): Promise<{ errors: LogError[]; lines: number; bad: number; file: string }> {
  const file = runPaths(runDir).log;
  const { records, lines, bad } = await readJsonLines(file);
  const errors: LogError[] = [];
  for (const r of records) {
    const e = toLogError(r);
    if (e !== null) errors.push(e);
  }
  return { errors, lines, bad, file };
}
