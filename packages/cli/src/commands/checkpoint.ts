import {
  type CheckpointInfo,
  CheckpointManager,
  planRetention,
  readCheckpointFile,
  verifyCheckpointFile,
} from '@prismind/checkpoint';
import { CHECKPOINT_FORMAT, fromLoadedState } from '@prismind/trainer';
import { CHECKPOINT_DIR, checkpointFolder } from '@prismind/trainer/run-dir';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { runStatus } from '../run-dir';
import { bytes, int, table } from '../view/format';

/** A run directory or its checkpoints/ folder → the folder that holds ckpt-*.prsm files. */
export function checkpointDirectory(path: string): string {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new CliError('NOT_FOUND', `${path}: no such directory`);
  }
  if (!isDir) throw new CliError('NOT_FOUND', `${path}: not a directory`);
  return checkpointFolder(path);
}

function savedAt(timestamp: number | null): string {
  return timestamp === null ? '-' : new Date(timestamp).toISOString().replace('.000Z', 'Z');
}

/** `checkpoint list DIR`: every checkpoint with what its header says. */
export async function checkpointListCommand(
  args: { dir: string; json?: boolean | undefined },
  io: CliIO,
): Promise<number> {
  const dir = checkpointDirectory(args.dir);
  const infos: CheckpointInfo[] = await (await CheckpointManager.open(dir)).list();
  if (args.json) {
    println(io.stdout, JSON.stringify({ dir, checkpoints: infos }, null, 2));
    return EXIT.OK;
  }
  if (infos.length === 0) {
    println(io.stdout, `${dir}: no checkpoints`);
    return EXIT.OK;
  }
  const rows = [['file', 'games', 'saved', 'size', 'compressed', 'header']];
  for (const c of infos) {
    rows.push([
      c.fileName,
      int(c.gamesCompleted),
      savedAt(c.timestamp),
      bytes(c.bytes),
      c.compressed === null ? '-' : c.compressed ? 'yes' : 'no',
      c.problem === undefined ? 'ok' : `${c.problem.code}: ${c.problem.message}`,
    ]);
  }
  for (const line of table(rows)) println(io.stdout, line);
  return EXIT.OK;
}

/** What `checkpoint verify --json` prints. */
export interface VerifyReport {
  path: string;
  ok: boolean;
  code?: string | undefined;
  message?: string | undefined;
  gamesCompleted?: number | undefined;
  savedAt?: string | undefined;
  bytes?: number | undefined;
  compressed?: boolean | undefined;
  formatVersion?: number | undefined;
  sections?: { name: string; dtype: string; length: number }[] | undefined;
  /** Set for a trainer checkpoint: its model, run and weights. */
  model?:
    | {
        stages: number;
        patternSet: string;
        step: number;
        runId: string;
        seed: number;
        backend: string;
        nonFinite: number;
      }
    | undefined;
}

function countNonFinite(...arrays: Float32Array[]): number {
  let n = 0;
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++) {
      const x = array[i]!;
      if (x - x !== 0) n++;
    }
  }
  return n;
}

/** Checks a file as a load would; a trainer checkpoint must also hold a whole, finite model. */
export async function verifyReport(path: string): Promise<VerifyReport> {
  const result = await verifyCheckpointFile(path);
  if (!result.ok) return { path, ok: false, code: result.code, message: result.message };
  const report: VerifyReport = {
    path,
    ok: true,
    gamesCompleted: result.gamesCompleted,
    savedAt: savedAt(result.timestamp),
    bytes: result.bytes,
    compressed: result.compressed,
    formatVersion: result.formatVersion,
    sections: result.sections,
  };
  if (result.metadata.format !== CHECKPOINT_FORMAT) return report;
  try {
    const { model, metadata } = fromLoadedState(await readCheckpointFile(path), path);
    const nonFinite = countNonFinite(model.weights, model.adamM, model.adamV);
    report.model = {
      stages: model.stages,
      patternSet: model.patternSet,
      step: model.step,
      runId: metadata.run.runId,
      seed: metadata.run.seed,
      backend: metadata.run.backend,
      nonFinite,
    };
    if (nonFinite > 0) {
      return {
        ...report,
        ok: false,
        code: 'NON_FINITE',
        message: `${nonFinite} NaN or infinite values in the model`,
      };
    }
  } catch (error) {
    return { ...report, ok: false, code: 'BAD_MODEL', message: (error as Error).message };
  }
  return report;
}

/** `checkpoint verify PATH`: exit 0 only for a valid file. */
export async function checkpointVerifyCommand(
  args: { path: string; json?: boolean | undefined },
  io: CliIO,
): Promise<number> {
  const report = await verifyReport(args.path);
  if (args.json) {
    println(io.stdout, JSON.stringify(report, null, 2));
    return report.ok ? EXIT.OK : EXIT.FAILURE;
  }
  if (!report.ok) {
    throw new CliError(
      'BAD_CHECKPOINT',
      `${args.path}: invalid checkpoint (${report.code}): ${report.message}`,
    );
  }
  println(
    io.stdout,
    `ok: ${args.path}: format v${report.formatVersion}, ${int(report.gamesCompleted ?? 0)} games, saved ${report.savedAt}, ` +
      `${bytes(report.bytes ?? 0)}${report.compressed ? ' compressed' : ''}`,
  );
  const m = report.model;
  if (m === undefined) println(io.stdout, 'not a trainer model (its metadata has another format)');
  else {
    println(
      io.stdout,
      `model: ${m.stages} stages, pattern set ${m.patternSet}, ${int(m.step)} updates; run ${m.runId} (seed ${m.seed}, ${m.backend} backend); all values finite`,
    );
  }
  for (const s of report.sections ?? []) {
    println(io.stdout, `  section ${s.name}: ${s.dtype} x ${int(s.length)}`);
  }
  return EXIT.OK;
}

/** `checkpoint prune DIR --keep N`: retention now (never the newest valid checkpoint). */
export async function checkpointPruneCommand(
  args: {
    dir: string;
    keep: number;
    keepEvery?: number | undefined;
    dryRun?: boolean | undefined;
    force?: boolean | undefined;
    json?: boolean | undefined;
  },
  io: CliIO,
): Promise<number> {
  const dir = checkpointDirectory(args.dir);
  const runDir = dir.endsWith(CHECKPOINT_DIR) ? resolve(dir, '..') : undefined;
  const status = runDir === undefined ? null : runStatus(runDir, io).status;
  if (status?.live && !args.force && !args.dryRun) {
    throw new CliError(
      'BAD_STATE',
      `${args.dir} is being trained by process ${status.pid}, which prunes after every save; ` +
        'pass --force to prune anyway',
    );
  }
  const policy = { keepLast: args.keep, keepEvery: args.keepEvery ?? 0 };
  const manager = await CheckpointManager.open(dir, { ...policy, autoRetention: false });
  let kept: string[];
  let deleted: string[];
  let failed: { path: string; errno: string }[] = [];
  if (args.dryRun) {
    const infos = await manager.list();
    const plan = planRetention(
      infos.map((i) => ({ name: i.fileName, gamesCompleted: i.gamesCompleted })),
      policy,
    );
    kept = plan.keep.map((c) => join(dir, c.name));
    deleted = plan.remove.map((c) => join(dir, c.name));
  } else {
    ({ kept, deleted, failed } = await manager.applyRetention());
  }
  if (args.json) {
    println(
      io.stdout,
      JSON.stringify({ dir, dryRun: args.dryRun === true, kept, deleted, failed }),
    );
  } else {
    const verb = args.dryRun ? 'would delete' : 'deleted';
    for (const path of deleted) println(io.stdout, `${verb} ${path}`);
    for (const f of failed) println(io.stdout, `could not delete ${f.path} (${f.errno})`);
    println(io.stdout, `${verb} ${deleted.length}, kept ${kept.length} in ${dir}`);
  }
  return failed.length > 0 ? EXIT.FAILURE : EXIT.OK;
}
