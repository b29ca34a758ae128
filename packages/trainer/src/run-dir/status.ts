import type { StrengthRecord } from '../strength/record';
import type { BackendKind } from '@prismind/board/contracts';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from './atomic-json';
import { STATUS_FILE } from './names';
import { PollTimer } from './poll-timer';
import { isProcessAlive } from './process-identity';

/** The states of a training run. */
export type TrainingState = 'idle' | 'training' | 'paused' | 'completed' | 'stopped' | 'failed';

/** Commands another process can send through control.json. */
export type ControlCommand = 'pause' | 'resume' | 'stop';

/** How the trainer answered a control command, in status.json. */
export interface ControlAck {
  id: string;
  command: ControlCommand;
  /** accepted: being carried out; done: finished; rejected: not possible now (see message). */
  result: 'accepted' | 'done' | 'rejected' | 'failed';
  message?: string | undefined;
  receivedAt: string;
  completedAt?: string | undefined;
}

/** status.json: what a run is doing now, rewritten atomically every few seconds and at every change. */
export interface RunStatus {
  version: 1;
  runId: string;
  state: TrainingState;
  /** Why the run is paused or ended (`request`, `control`, `error-rate`, `signal:SIGINT`, ...). */
  reason: string | null;
  pid: number;
  /** The trainer's process start time (Linux), so a reused pid is not taken for it; see lock.ts. */
  pidStartTime?: string | null | undefined;
  hostname: string;
  backend: BackendKind | null;
  games: number;
  targetGames: number | null;
  /** Smoothed games per second, while training. */
  gamesPerSecond: number | null;
  /** Training time of the whole run, earlier sessions included. */
  elapsedSeconds: number;
  /** Errors over the run, the window's rate, its errors by kind and the last messages. */
  errors: {
    count: number;
    rate: number;
    byKind?: Record<string, number> | undefined;
    last?: { kind: string; message: string; game?: number | undefined }[] | undefined;
  };
  latestCheckpoint: { path: string; games: number; savedAt: string } | null;
  /**
   * The run's latest strength measurement and its strongest (with the path of best.prsm), once
   * it measured itself; absent or null before (docs/architecture.md, "Strength").
   */
  strength?: {
    latest: StrengthRecord;
    best: (StrengthRecord & { path: string | null }) | null;
  } | null;
  startedAt: string;
  /** Last write (the heartbeat), ISO time and ms since the epoch. */
  heartbeat: string;
  heartbeatMs: number;
  /** The heartbeat period, so readers can tell a live run from a dead one. */
  heartbeatIntervalMs: number;
  control: ControlAck | null;
}

/** What readRunStatus returns: the file plus what a reader can tell about it. */
export interface RunStatusReport extends RunStatus {
  /** The trainer process exists and its heartbeat is fresh. */
  live: boolean;
  heartbeatAgeMs: number;
}

const ACTIVE: readonly TrainingState[] = ['training', 'paused'];

/** True for states in which a process owns the run. */
export function isActiveState(state: TrainingState): boolean {
  return ACTIVE.includes(state);
}

function isRunStatus(value: unknown): value is RunStatus {
  const v = value as Partial<RunStatus> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    typeof v.state === 'string' &&
    typeof v.pid === 'number' &&
    typeof v.games === 'number' &&
    typeof v.heartbeatMs === 'number'
  );
}

/** status.json as a reader finds it: the report, or why there is none. */
export interface RunStatusRead {
  status: RunStatusReport | null;
  /** Set when the file exists but is empty, not JSON or not a run status: it is advisory, so a
   * damaged one is reported and ignored (the trainer rewrites it when it opens the run). */
  damaged: string | null;
}

/**
 * Reads a run's status.json. `live` is true when the run is training or paused, its process
 * exists and its heartbeat is recent: a process killed with SIGKILL leaves `state: "training"`
 * behind, and `live: false` tells it apart. Never throws for a missing or damaged file.
 */
export function inspectRunStatus(runDir: string): RunStatusRead {
  const path = join(runDir, STATUS_FILE);
  let value: unknown;
  try {
    value = readJsonFile(path);
  } catch (error) {
    return { status: null, damaged: `${path}: unreadable (${(error as Error).message})` };
  }
  if (value === undefined) return { status: null, damaged: null };
  if (!isRunStatus(value)) {
    return { status: null, damaged: `${path}: not a Prismind run status (version 1)` };
  }
  const heartbeatAgeMs = Math.max(0, Date.now() - value.heartbeatMs);
  const fresh = heartbeatAgeMs <= Math.max(15_000, 5 * (value.heartbeatIntervalMs ?? 2_000));
  const live = isActiveState(value.state) && isProcessAlive(value.pid, value.pidStartTime) && fresh;
  return { status: { ...value, live, heartbeatAgeMs }, damaged: null };
}

/** The run's status report, or null when it has none or a damaged one (see inspectRunStatus). */
export function readRunStatus(runDir: string): RunStatusReport | null {
  return inspectRunStatus(runDir).status;
}

/**
 * Owns status.json for a running manager: `update()` merges fields, `flush()` writes at once (every
 * state change does), and a heartbeat timer rewrites it every `intervalMs`. Writes never throw: a
 * failure is reported once through `onError` and retried at the next write.
 */
export class StatusBoard {
  readonly path: string;
  private status: RunStatus;
  private timer: PollTimer | undefined;
  private failing = false;
  private readonly onError: (error: unknown) => void;

  constructor(runDir: string, initial: RunStatus, onError: (error: unknown) => void) {
    this.path = join(runDir, STATUS_FILE);
    this.status = initial;
    this.onError = onError;
  }

  get current(): RunStatus {
    return this.status;
  }

  update(patch: Partial<RunStatus>, flush = false): void {
    this.status = { ...this.status, ...patch };
    if (flush) this.flush();
  }

  flush(): void {
    const now = Date.now();
    this.status = { ...this.status, heartbeat: new Date(now).toISOString(), heartbeatMs: now };
    try {
      writeJsonAtomic(this.path, this.status);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.onError(error);
      this.failing = true;
    }
  }

  /** Starts the heartbeat (the timer does not keep the process alive). */
  startHeartbeat(refresh: () => Partial<RunStatus>): void {
    this.stopHeartbeat();
    this.timer = new PollTimer(() => this.update(refresh(), true), this.status.heartbeatIntervalMs);
    this.timer.start();
  }

  stopHeartbeat(): void {
    this.timer?.stop();
    this.timer = undefined;
  }
}
