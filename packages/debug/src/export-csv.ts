import { PATTERN_SHAPES, WEIGHTS_PER_STAGE } from '@prismind/board';
import type { ModelState } from '@prismind/board/contracts';
import { runPaths } from '@prismind/trainer/run-dir';
import { CsvWriter } from './csv';
import { DebugError } from './errors';
import { readJsonLines, readRunErrors } from './run-logs';

export type CsvKind = 'weights' | 'metrics' | 'errors';

export interface ExportCsvOptions {
  /** weights: every weight, zeros included (default: only weights that are not 0). */
  all?: boolean | undefined;
}

/** What an export wrote. */
export interface CsvExport {
  path: string;
  kind: CsvKind;
  header: string[];
  rows: number;
}

export const WEIGHTS_HEADER: readonly string[] = Object.freeze([
  'stage',
  'shape',
  'pattern',
  'index',
  'weight',
  'adam_m',
  'adam_v',
]);

export const ERRORS_HEADER: readonly string[] = Object.freeze([
  'time',
  'level',
  'level_name',
  'event',
  'message',
  'error',
]);

async function writeWeights(path: string, state: ModelState, all: boolean): Promise<CsvExport> {
  const out = await CsvWriter.create(path, WEIGHTS_HEADER);
  try {
    for (let stage = 0; stage < state.stages; stage++) {
      for (const shape of PATTERN_SHAPES) {
        const start = stage * WEIGHTS_PER_STAGE + shape.offset;
        for (let i = 0; i < shape.weightsPerStage; i++) {
          const w = state.weights[start + i]!;
          if (w === 0 && !all) continue;
          const row = [
            stage,
            shape.id,
            shape.name,
            i,
            w,
            state.adamM[start + i],
            state.adamV[start + i],
          ];
          if (out.push(row)) await out.flush();
        }
      }
    }
  } finally {
    await out.close();
  }
  return { path, kind: 'weights', header: [...WEIGHTS_HEADER], rows: out.rows };
}

/** Nested objects become dotted columns (details.memory.rss); arrays stay JSON in one cell. */
function flatten(
  record: Record<string, unknown>,
  prefix: string,
  into: Map<string, unknown>,
): void {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      flatten(value as Record<string, unknown>, name, into);
    } else {
      into.set(name, value);
    }
  }
}

async function writeMetrics(path: string, runDir: string): Promise<CsvExport> {
  const { records } = await readJsonLines(runPaths(runDir).metrics);
  const rows = records.map((r) => {
    const m = new Map<string, unknown>();
    flatten(r, '', m);
    return m;
  });
  // kind and time first, then every other column in the order it first appears
  const header = ['kind', 'time'];
  for (const row of rows) for (const key of row.keys()) if (!header.includes(key)) header.push(key);
  const out = await CsvWriter.create(path, header);
  try {
    for (const row of rows) await out.row(header.map((h) => row.get(h)));
  } finally {
    await out.close();
  }
  return { path, kind: 'metrics', header, rows: out.rows };
}

async function writeErrors(path: string, runDir: string): Promise<CsvExport> {
  const { errors } = await readRunErrors(runDir);
  const out = await CsvWriter.create(path, ERRORS_HEADER);
  try {
    for (const e of errors) {
      const iso = e.time === null ? null : new Date(e.time).toISOString();
      await out.row([iso, e.level, e.levelName, e.event, e.message, e.error]);
    }
  } finally {
    await out.close();
  }
  return { path, kind: 'errors', header: [...ERRORS_HEADER], rows: out.rows };
}

/** The sources an export may read from. */
export interface CsvSources {
  state?: ModelState | undefined;
  runDir?: string | undefined;
}

function need<T>(value: T | undefined, kind: CsvKind, what: string): T {
  if (value === undefined) {
    throw new DebugError(
      kind === 'weights' ? 'DEBUG_INVALID_INPUT' : 'DEBUG_NO_RUN_DIR',
      `exportCsv('${kind}') needs ${what}`,
    );
  }
  return value;
}

/**
 * Writes a CSV file (header first, RFC 4180 quoting): 'weights' (stage, shape, pattern, index,
 * weight, adam_m, adam_v; non-zero weights unless `all`), 'metrics' (every record of the run's
 * metrics.jsonl, nested fields as dotted columns) or 'errors' (the run's error log lines).
 */
export async function exportCsv(
  path: string,
  kind: CsvKind,
  sources: CsvSources,
  options: ExportCsvOptions = {},
): Promise<CsvExport> {
  switch (kind) {
    case 'weights':
      return writeWeights(path, need(sources.state, kind, 'a model'), options.all === true);
    case 'metrics':
      return writeMetrics(path, need(sources.runDir, kind, 'a run directory'));
    case 'errors':
      return writeErrors(path, need(sources.runDir, kind, 'a run directory'));
    default:
      throw new DebugError(
        'DEBUG_INVALID_INPUT',
        `exportCsv: kind ${JSON.stringify(kind)}; expected 'weights', 'metrics' or 'errors'`,
      );
  }
}
