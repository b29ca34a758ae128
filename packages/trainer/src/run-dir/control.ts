import { PrismindError } from '@prismind/board/contracts';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describeError, isTrainerError, TrainerError } from '../manager/errors';
import { writeJsonAtomic } from './atomic-json';
import { ControlFileReader, MAX_CONTROL_BYTES } from './control-file';
import { CONTROL_FILE } from './names';
import { PollTimer } from './poll-timer';
import {
  type ControlAck,
  type ControlCommand,
  inspectRunStatus,
  type RunStatusReport,
  readRunStatus,
} from './status';

/** control.json: one command for the process that trains the run (see README, "Controlling a run"). */
export interface ControlRequest {
  version: 1;
  /** Unique per command; the trainer acts on an id once and echoes it in status.json. */
  id: string;
  command: ControlCommand;
  requestedAt: string;
  /** The sender, for the log. */
  pid: number;
}

export interface SendControlOptions {
  /** Wait up to this long for the trainer's answer in status.json. Default 0: do not wait. */
  waitMs?: number | undefined;
  /** Which answer ends the wait: 'accepted' (seen) or 'done' (default; e.g. pause saved). */
  until?: 'accepted' | 'done' | undefined;
  /** Write the command even when no live trainer owns the run. Default false. */
  force?: boolean | undefined;
}

export interface ControlResult {
  id: string;
  command: ControlCommand;
  /** The trainer's answer, when it came within `waitMs`. */
  ack: ControlAck | null;
  /** status.json as last read. */
  status: RunStatusReport | null;
}

const COMMANDS: readonly ControlCommand[] = ['pause', 'resume', 'stop'];

function isControlRequest(value: unknown): value is ControlRequest {
  const v = value as Partial<ControlRequest> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    typeof v.id === 'string' &&
    v.id.length > 0 &&
    COMMANDS.includes(v.command as ControlCommand)
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks the process that trains `runDir` to pause, resume or stop: writes control.json atomically
 * (the trainer polls it every ~150 ms) and, with `waitMs`, waits for the answer in status.json.
 * Throws RUN_NOT_ACTIVE when no live process trains the run (unless `force`).
 */
export async function sendControl(
  runDir: string,
  command: ControlCommand,
  options: SendControlOptions = {},
): Promise<ControlResult> {
  if (!COMMANDS.includes(command)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `control command "${String(command)}": expected pause, resume or stop`,
      { details: { command } },
    );
  }
  const found = inspectRunStatus(runDir);
  let status = found.status;
  if (options.force !== true && (status === null || !status.live)) {
    const why =
      status === null
        ? (found.damaged ?? 'it has no status.json')
        : `its state is ${status.state} and process ${status.pid} is ${status.live ? 'alive' : 'not running'}`;
    throw new TrainerError('RUN_NOT_ACTIVE', `${runDir}: no live trainer to ${command}: ${why}`, {
      details: { runDir, status },
    });
  }
  const request: ControlRequest = {
    version: 1,
    id: randomUUID(),
    command,
    requestedAt: new Date().toISOString(),
    pid: process.pid,
  };
  writeJsonAtomic(join(runDir, CONTROL_FILE), request);
  const waitMs = options.waitMs ?? 0;
  const wanted = options.until === 'accepted' ? ['accepted', 'done'] : ['done'];
  const deadline = Date.now() + waitMs;
  let ack: ControlAck | null = null;
  while (waitMs > 0) {
    status = readRunStatus(runDir);
    const answer = status?.control;
    if (answer?.id === request.id) {
      ack = answer;
      if (wanted.includes(answer.result) || answer.result === 'rejected') break;
      if (answer.result === 'failed') break;
    }
    if (Date.now() >= deadline) break;
    await sleep(50);
  }
  return { id: request.id, command, ack, status };
}

/**
 * The trainer's side: polls control.json and hands each new command (by id) to `onCommand`.
 * A command already in the file when the run opens is stale (nobody was listening) and ignored.
 */
export class ControlWatcher {
  private readonly path: string;
  private readonly file: ControlFileReader;
  private readonly onCommand: (request: ControlRequest) => void;
  private readonly onProblem: (message: string) => void;
  private lastId: string | undefined;
  private lastProblem: string | undefined;
  private readonly timer: PollTimer;

  constructor(
    runDir: string,
    pollMs: number,
    onCommand: (request: ControlRequest) => void,
    onProblem: (message: string) => void,
  ) {
    this.path = join(runDir, CONTROL_FILE);
    this.file = new ControlFileReader(this.path);
    this.timer = new PollTimer(() => this.poll(), pollMs);
    this.onCommand = onCommand;
    this.onProblem = onProblem;
  }

  /** Marks the command now in the file, if any, as seen; returns it (for the log). */
  ignoreExisting(): ControlRequest | undefined {
    const request = this.read();
    if (request !== undefined) this.lastId = request.id;
    return request;
  }

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }

  /** One poll (the timer calls it; tests may too). */
  poll(): void {
    const request = this.read();
    if (request === undefined || request.id === this.lastId) return;
    this.lastId = request.id;
    this.onCommand(request);
  }

  private read(): ControlRequest | undefined {
    let found: ReturnType<ControlFileReader['read']>;
    let value: unknown;
    try {
      found = this.file.read();
      if (found.kind === 'text') value = JSON.parse(found.text);
    } catch (error) {
      this.problem(`${this.path}: unreadable (${(error as Error).message})`);
      return undefined;
    }
    if (found.kind === 'too-large') {
      this.problem(
        `${this.path}: ${found.bytes} bytes, a control request is at most ${MAX_CONTROL_BYTES}; ignored, not read`,
      );
      return undefined;
    }
    if (found.kind !== 'text') return undefined;
    if (!isControlRequest(value)) {
      this.problem(`${this.path}: not a control request (version 1, id, pause|resume|stop)`);
      return undefined;
    }
    return value;
  }

  private problem(message: string): void {
    if (message === this.lastProblem) return;
    this.lastProblem = message;
    this.onProblem(message);
  }
}

/** What each command does; each resolves with the message of its `done` answer. */
export type ControlActions = Record<ControlCommand, () => Promise<string>>;

/**
 * Carries out a control request and answers it: `accepted` at once, then `done` with the action's
 * message, `rejected` when the state does not allow it (INVALID_TRANSITION), or `failed`.
 */
export function answerControl(
  request: ControlRequest,
  actions: ControlActions,
  write: (ack: ControlAck) => void,
): void {
  const receivedAt = new Date().toISOString();
  const answer = (result: ControlAck['result'], message?: string): void => {
    const completedAt = result === 'accepted' ? undefined : new Date().toISOString();
    write({ id: request.id, command: request.command, result, message, receivedAt, completedAt });
  };
  answer('accepted');
  actions[request.command]().then(
    (message) => answer('done', message),
    (error: unknown) =>
      answer(
        isTrainerError(error, 'INVALID_TRANSITION') ? 'rejected' : 'failed',
        describeError(error).message,
      ),
  );
}
