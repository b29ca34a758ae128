import { isPrismindError } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import { isTrainerError } from './errors';
import {
  RUN_EVENTS,
  RUN_PHASES,
  type RunEvent,
  type RunPhase,
  refusalError,
  transitionOf,
} from './run-state';

/**
 * The machine written out once more, by hand, as the trainer README draws it: a phase name is a
 * move, `=` stays, `wait` waits for the pause, `busy` is TRAINING_BUSY, `-` is INVALID_TRANSITION.
 * Columns: start opened open-failed pause pause-saved save-failed resume stop target-reached
 * stop-finished crash.
 */
const EXPECTED: Record<RunPhase, string> = {
  idle: 'starting - - - - - - - - - -',
  starting: 'busy training idle pausing - - - stopping - - -',
  training: 'busy - - pausing - paused = stopping completed - failed',
  pausing: 'busy = idle = paused paused wait stopping completed - failed',
  paused: 'busy - - = - - training stopping - - failed',
  stopping: 'busy = idle - = = - = completed stopped failed',
  completed: 'starting - - - - - - = - - -',
  stopped: 'starting - - - - - - = - - -',
  failed: 'starting - - - - - - = - - -',
};

function cell(phase: RunPhase, event: RunEvent): string {
  const t = transitionOf(phase, event);
  if (t.kind === 'move') return t.to;
  if (t.kind === 'stay') return '=';
  if (t.kind === 'wait') return 'wait';
  return t.code === 'TRAINING_BUSY' ? 'busy' : '-';
}

describe('the run state machine', () => {
  it('answers every (phase, event) pair as the written table says', () => {
    expect(RUN_EVENTS).toHaveLength(11);
    for (const phase of RUN_PHASES) {
      const row = RUN_EVENTS.map((event) => cell(phase, event)).join(' ');
      expect(`${phase}: ${row}`).toBe(`${phase}: ${EXPECTED[phase]}`);
    }
  });

  it('never lets a finished run pause or resume, and always lets it start again', () => {
    for (const phase of ['completed', 'stopped', 'failed'] as const) {
      expect(transitionOf(phase, 'pause').kind).toBe('refuse');
      expect(transitionOf(phase, 'resume').kind).toBe('refuse');
      expect(transitionOf(phase, 'start')).toEqual({ kind: 'move', to: 'starting' });
    }
  });

  it('refuses with INVALID_TRANSITION in the API message style, or TRAINING_BUSY', () => {
    const refusal = transitionOf('completed', 'pause');
    if (refusal.kind !== 'refuse') throw new Error('expected a refusal');
    const error = refusalError(refusal, 'pause', 'completed', '/runs/a');
    expect(isTrainerError(error, 'INVALID_TRANSITION')).toBe(true);
    expect(error.message).toBe('cannot pause a run that is completed');
    const busy = transitionOf('paused', 'start');
    if (busy.kind !== 'refuse') throw new Error('expected a refusal');
    const busyError = refusalError(busy, 'start', 'paused', '/runs/a');
    expect(isPrismindError(busyError, 'TRAINING_BUSY')).toBe(true);
    expect(busyError.message).toBe('/runs/a: training already paused');
  });
});
