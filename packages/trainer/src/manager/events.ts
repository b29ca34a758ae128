import type { StrengthRecord } from '../strength/record';
import type { SkippedCheckpoint } from '@prismind/checkpoint';
import type { TrainingState } from '../run-dir/status';

/** The rich progress event (the simple callback gets four of these numbers). */
export interface TrainingProgressEvent {
  /** Games of the run so far (failed ones included: their numbers are used up). */
  games: number;
  targetGames: number;
  /** games / targetGames. */
  fraction: number;
  /** Games played by this process. */
  sessionGames: number;
  /** Mean final disc difference (black minus white) over the recent window (~1,000 games). */
  avgDiscDiff: number;
  blackWinRate: number;
  whiteWinRate: number;
  drawRate: number;
  /** Smoothed rate, undefined until measurable. */
  gamesPerSecond: number | undefined;
  etaSeconds: number | undefined;
  /** Training time of the whole run, earlier sessions included. */
  elapsedSeconds: number;
  /** Errors recorded over the run. */
  errors: number;
  /** True for the last event of a stretch of training (completion, pause, stop). */
  final: boolean;
}

export interface StateChangeEvent {
  from: TrainingState;
  to: TrainingState;
  /** Why (request, control, error-rate, signal:SIGINT, target reached, ...), when there is one. */
  reason: string | null;
  games: number;
}

/** Why a checkpoint was written. */
export type CheckpointReason = 'interval' | 'pause' | 'stop' | 'final' | 'error-rate';

export interface CheckpointSavedEvent {
  games: number;
  path: string;
  bytes: number;
  seconds: number;
  /** 2 when the first attempt failed and the retry succeeded. */
  attempts: number;
  reason: CheckpointReason;
}

export interface CheckpointFailedEvent {
  games: number;
  reason: CheckpointReason;
  error: string;
  /** The system code of the failure (ENOSPC: the disk is full), EUNKNOWN when there is none. */
  errno: string;
}

/** The error storm behind an automatic pause: rate, kinds and the last messages. */
export interface ErrorPattern {
  rate: number;
  threshold: number;
  windowGames: number;
  windowErrors: number;
  byKind: Record<string, number>;
  lastErrors: { kind: string; message: string; game?: number | undefined }[];
}

export interface PausedEvent {
  games: number;
  reason: string;
  /** Set when the pause was the error policy's. */
  errors?: ErrorPattern | undefined;
  /**
   * Set when the run paused itself because a checkpoint could not be written (after a retry):
   * nothing is played until a save succeeds. resume() tries the save again first.
   */
  checkpoint?: { errno: string; error: string } | undefined;
}

export interface PauseAcknowledgedEvent {
  /** From the pause request to the moment no game is being played any more. */
  latencyMs: number;
  command: 'pause' | 'stop';
}

export interface EngineRestartEvent {
  /** Games of the state the new engine starts from (the latest checkpoint). */
  games: number;
  /** Games reached before the failure. */
  lostGames: number;
  cause: string;
  restarts: number;
}

export interface GameFailedEvent {
  game: number;
  kind: string;
  message: string;
}

export interface WeightsResetEvent {
  /** Weights reset: by the engine's guard during a batch, or by the scan at checkpoint time. */
  count: number;
  source: 'engine' | 'checkpoint-scan';
  games: number;
}

/** The checkpoint a run continues from, and the newer ones that were damaged or foreign. */
export interface RestoredEvent {
  path: string;
  games: number;
  skipped: SkippedCheckpoint[];
}

/** Every event of a TrainingManager, by name. */
export interface TrainingEvents {
  state: StateChangeEvent;
  restored: RestoredEvent;
  /** A strength measurement (League score, solved endgames); `best` when it is the strongest yet. */
  strength: StrengthEvent;
  progress: TrainingProgressEvent;
  checkpoint: CheckpointSavedEvent;
  'checkpoint-failed': CheckpointFailedEvent;
  paused: PausedEvent;
  'pause-acknowledged': PauseAcknowledgedEvent;
  'engine-restart': EngineRestartEvent;
  'game-failed': GameFailedEvent;
  'weights-reset': WeightsResetEvent;
}

export type TrainingEventName = keyof TrainingEvents;
export type TrainingListener<K extends TrainingEventName> = (event: TrainingEvents[K]) => void;

/**
 * A small typed emitter: a listener that throws is reported through `onListenerError` and the
 * others still run; training never stops because a listener failed.
 */
export class TypedEmitter<E> {
  private readonly listeners = new Map<keyof E, Set<(event: never) => void>>();
  private readonly onListenerError: (name: keyof E, error: unknown) => void;

  constructor(onListenerError: (name: keyof E, error: unknown) => void) {
    this.onListenerError = onListenerError;
  }

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof E>(name: K, listener: (event: E[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as (event: never) => void);
    return () => this.off(name, listener);
  }

  off<K extends keyof E>(name: K, listener: (event: E[K]) => void): void {
    this.listeners.get(name)?.delete(listener as (event: never) => void);
  }

  emit<K extends keyof E>(name: K, event: E[K]): void {
    const set = this.listeners.get(name);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        (listener as (event: E[K]) => void)(event);
      } catch (error) {
        this.onListenerError(name, error);
      }
    }
  }
}

/** A strength measurement of the run's model; `best` when it is the strongest so far. */
export interface StrengthEvent extends StrengthRecord {
  best: boolean;
}
