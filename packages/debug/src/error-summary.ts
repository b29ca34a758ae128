import { type LogError, readRunErrors } from './run-logs';

/** Errors of one kind. */
export interface ErrorGroup {
  /** The line's `event`, else its message with numbers replaced by '#'. */
  key: string;
  /** The highest level seen in the group. */
  level: number;
  levelName: string;
  count: number;
  firstTime: number | null;
  lastTime: number | null;
  /** The first message and error text of the group, as they were. */
  example: { message: string; error: string | null };
}

export interface ErrorSummary {
  file: string;
  /** Lines in the log, and lines that were not JSON (a crash can cut the last one short). */
  lines: number;
  unparsable: number;
  total: number;
  byLevel: { warn: number; error: number; fatal: number; other: number };
  /** Most frequent first. */
  groups: ErrorGroup[];
}

function keyOf(e: LogError): string {
  // numbers (game numbers, sizes, times) would make every line its own kind
  return e.event ?? e.message.replace(/\d+(\.\d+)?/g, '#');
}

function addTo(groups: Map<string, ErrorGroup>, e: LogError): void {
  const key = keyOf(e);
  const g = groups.get(key);
  if (g === undefined) {
    groups.set(key, {
      key,
      level: e.level,
      levelName: e.levelName,
      count: 1,
      firstTime: e.time,
      lastTime: e.time,
      example: { message: e.message, error: e.error },
    });
    return;
  }
  g.count++;
  if (e.level > g.level) {
    g.level = e.level;
    g.levelName = e.levelName;
  }
  if (e.time !== null) {
    g.firstTime = g.firstTime === null ? e.time : Math.min(g.firstTime, e.time);
    g.lastTime = g.lastTime === null ? e.time : Math.max(g.lastTime, e.time);
  }
}

/** Sums up a list of error lines. */
export function summarizeErrors(
  errors: readonly LogError[],
): Pick<ErrorSummary, 'total' | 'byLevel' | 'groups'> {
  const byLevel = { warn: 0, error: 0, fatal: 0, other: 0 };
  const groups = new Map<string, ErrorGroup>();
  for (const e of errors) {
    if (e.level >= 60) byLevel.fatal++;
    else if (e.level >= 50) byLevel.error++;
    else if (e.level >= 40) byLevel.warn++;
    else byLevel.other++;
    addTo(groups, e);
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count || b.level - a.level);
  return { total: errors.length, byLevel, groups: sorted };
}

/**
 * The errors of a run: lines of logs/train.jsonl at level warn (40) or above, or with an `err` /
 * `error` field, counted by level and grouped by kind. A missing log is an empty summary.
 */
export async function errorSummary(runDir: string): Promise<ErrorSummary> {
  const { errors, lines, bad, file } = await readRunErrors(runDir);
  return { file, lines, unparsable: bad, ...summarizeErrors(errors) };
}
