import { PrismindError } from '@prismind/board/contracts';
import { TrainerError } from './errors';

/**
 * The phases of a TrainingManager. The public `state` (status.json, the 'state' event) is the
 * last settled phase the run announced: starting, pausing and stopping are the in-between phases
 * where a request is taken but the work it needs (opening the run, the checkpoint) is not done.
 */
export type RunPhase =
  | 'idle'
  | 'starting'
  | 'training'
  | 'pausing'
  | 'paused'
  | 'stopping'
  | 'completed'
  | 'stopped'
  | 'failed';

/**
 * What can happen to a run: the four requests of the API (start, pause, resume, stop) and what
 * the loop reports (the run opened or could not be opened, a pause checkpoint was saved, a save
 * failed, the target was reached with its checkpoint on disk, the stop is done (its checkpoint written, or the run
 * rolled back to its last one on disk),
 * the run crashed).
 */
export type RunEvent =
  | 'start'
  | 'opened'
  | 'open-failed'
  | 'pause'
  | 'pause-saved'
  | 'save-failed'
  | 'resume'
  | 'stop'
  | 'target-reached'
  | 'stop-finished'
  | 'crash';

/** The answer of the table: move to a phase, stay (the request is already met), wait, refuse. */
export type RunTransition =
  | { kind: 'move'; to: RunPhase }
  | { kind: 'stay' }
  /** resume() while a pause is being saved: once paused, the resume applies. */
  | { kind: 'wait' }
  | { kind: 'refuse'; code: 'INVALID_TRANSITION' | 'TRAINING_BUSY' };

export const RUN_PHASES: readonly RunPhase[] = [
  'idle',
  'starting',
  'training',
  'pausing',
  'paused',
  'stopping',
  'completed',
  'stopped',
  'failed',
];

export const RUN_EVENTS: readonly RunEvent[] = [
  'start',
  'opened',
  'open-failed',
  'pause',
  'pause-saved',
  'save-failed',
  'resume',
  'stop',
  'target-reached',
  'stop-finished',
  'crash',
];

const move = (to: RunPhase): RunTransition => ({ kind: 'move', to });
const STAY: RunTransition = { kind: 'stay' };
const BUSY: RunTransition = { kind: 'refuse', code: 'TRAINING_BUSY' };

/** A finished run (or none yet): it can start again; stop() answers with the last result. */
const ENDED: Partial<Record<RunEvent, RunTransition>> = { start: move('starting'), stop: STAY };

/**
 * The whole machine: what each event does in each phase. A pair not listed is refused with
 * INVALID_TRANSITION (a request the phase does not allow, or a loop report that cannot happen
 * there). The trainer README ("The state machine") draws the same table.
 */
export const RUN_TABLE: Readonly<Record<RunPhase, Partial<Record<RunEvent, RunTransition>>>> = {
  idle: { start: move('starting') },
  starting: {
    start: BUSY,
    opened: move('training'),
    'open-failed': move('idle'),
    pause: move('pausing'),
    stop: move('stopping'),
  },
  training: {
    start: BUSY,
    pause: move('pausing'),
    resume: STAY,
    stop: move('stopping'),
    // the loop stops playing when a checkpoint cannot be written: it never trains on unsaved
    'save-failed': move('paused'),
    'target-reached': move('completed'),
    crash: move('failed'),
  },
  pausing: {
    start: BUSY,
    opened: STAY,
    'open-failed': move('idle'),
    pause: STAY,
    'pause-saved': move('paused'),
    'save-failed': move('paused'),
    resume: { kind: 'wait' },
    stop: move('stopping'),
    // the final checkpoint was on its way when the pause came: the run is complete
    'target-reached': move('completed'),
    crash: move('failed'),
  },
  paused: {
    start: BUSY,
    pause: STAY,
    resume: move('training'),
    stop: move('stopping'),
    // the loop is waiting, yet a throw on its way out (a failed wake-up) still ends the run
    crash: move('failed'),
  },
  stopping: {
    start: BUSY,
    opened: STAY,
    'open-failed': move('idle'),
    stop: STAY,
    // stop() came while the pause checkpoint was being written: stop instead of pausing
    'pause-saved': STAY,
    // the stop goes on: the run ends at its last checkpoint on disk
    'save-failed': STAY,
    'target-reached': move('completed'),
    'stop-finished': move('stopped'),
    crash: move('failed'),
  },
  completed: ENDED,
  stopped: ENDED,
  failed: ENDED,
};

/** What `event` does in `phase`, refusals included (never undefined). */
export function transitionOf(phase: RunPhase, event: RunEvent): RunTransition {
  return RUN_TABLE[phase][event] ?? { kind: 'refuse', code: 'INVALID_TRANSITION' };
}

/** The error a refusal rejects with: "cannot pause a run that is completed". */
export function refusalError(
  refusal: Extract<RunTransition, { kind: 'refuse' }>,
  event: RunEvent,
  phase: RunPhase,
  runDir: string,
): Error {
  if (refusal.code === 'TRAINING_BUSY') {
    return new PrismindError('TRAINING_BUSY', `${runDir}: training already ${phase}`);
  }
  return new TrainerError('INVALID_TRANSITION', `cannot ${event} a run that is ${phase}`, {
    details: { action: event, state: phase },
  });
}

/**
 * The phases a run announces as its public state. Starting, pausing and stopping are on the way to
 * one; idle after a failed open announces nothing (the public state stays the last run's).
 */
export function announces(
  phase: RunPhase,
): phase is Exclude<RunPhase, 'idle' | 'starting' | 'pausing' | 'stopping'> {
  return phase !== 'idle' && phase !== 'starting' && phase !== 'pausing' && phase !== 'stopping';
}
