import { join } from 'node:path';

/**
 * The files of a run directory, in one place (docs/architecture.md, "The run directory"). Every
 * package that reads or writes a run takes its names from here.
 */
export const MANIFEST_FILE = 'manifest.json';
export const STATUS_FILE = 'status.json';
export const CONTROL_FILE = 'control.json';
export const LOCK_FILE = 'run.lock';
export const CHECKPOINT_DIR = 'checkpoints';
/** pino's JSON lines, relative to the run directory. */
export const LOG_FILE: string = join('logs', 'train.jsonl');
export const METRICS_FILE = 'metrics.jsonl';
/** The stored self-play games (stored-games.ts) and the older half after a rotation. */
export const GAMES_FILE = 'games.jsonl';
export const GAMES_ROTATED_FILE = 'games.1.jsonl';

/** The absolute-or-relative paths of one run's files. */
export interface RunPaths {
  dir: string;
  manifest: string;
  status: string;
  control: string;
  lock: string;
  checkpoints: string;
  log: string;
  metrics: string;
  games: string;
  /** TensorBoard event files (events.out.tfevents.*) go straight into the run directory. */
  tensorboard: string;
}

export function runPaths(runDir: string): RunPaths {
  return {
    dir: runDir,
    manifest: join(runDir, MANIFEST_FILE),
    status: join(runDir, STATUS_FILE),
    control: join(runDir, CONTROL_FILE),
    lock: join(runDir, LOCK_FILE),
    checkpoints: join(runDir, CHECKPOINT_DIR),
    log: join(runDir, LOG_FILE),
    metrics: join(runDir, METRICS_FILE),
    games: join(runDir, GAMES_FILE),
    tensorboard: runDir,
  };
}
