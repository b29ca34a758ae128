import { PrismindError } from '@prismind/board/contracts';

/** Why the watchdog gave up on a batch. */
export type EngineFailureKind = 'engine_hang' | 'engine_crash';

/**
 * A batch that hung (no progress, or no answer to a stop request) or whose promise rejected: the
 * contract's ENGINE_FAILURE, with `kind` (also in `details.kind`) saying which.
 */
export class EngineBatchError extends PrismindError {
  override readonly name: string = 'EngineBatchError';
  readonly kind: EngineFailureKind;

  constructor(kind: EngineFailureKind, message: string, cause?: unknown) {
    super('ENGINE_FAILURE', message, { cause, details: { kind } });
    this.kind = kind;
  }
}

export interface WatchdogLimits {
  /** No progress for this long: hung. */
  stallMs: number;
  /** Asked to stop and not settled after this long: hung. */
  stopGraceMs: number;
}

/** A batch under watch: report progress with `touch()`, a stop request with `stopRequested()`. */
export interface WatchedBatch<T> {
  result: Promise<T>;
  touch(): void;
  stopRequested(): void;
}

/**
 * Races an engine batch against two clocks: time since the last progress report, and time since a
 * stop request. Either running out rejects with EngineBatchError('engine_hang'); the batch's own
 * rejection becomes EngineBatchError('engine_crash'). The timer holds the process open on purpose:
 * a hung batch must not let Node exit quietly.
 */
export function watchBatch<T>(batch: Promise<T>, limits: WatchdogLimits): WatchedBatch<T> {
  let lastProgress = performance.now();
  let stopAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  const every = Math.min(1_000, Math.max(10, Math.min(limits.stallMs, limits.stopGraceMs) / 4));
  const result = new Promise<T>((resolve, reject) => {
    const settle = (): void => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    };
    timer = setInterval(() => {
      const now = performance.now();
      if (stopAt !== undefined && now - stopAt > limits.stopGraceMs) {
        settle();
        const waited = Math.round(now - stopAt);
        reject(new EngineBatchError('engine_hang', `no answer to a stop request for ${waited} ms`));
      } else if (now - lastProgress > limits.stallMs) {
        settle();
        const waited = Math.round(now - lastProgress);
        reject(new EngineBatchError('engine_hang', `no progress for ${waited} ms`));
      }
    }, every);
    batch.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        const message = error instanceof Error ? error.message : String(error);
        reject(new EngineBatchError('engine_crash', `the batch failed: ${message}`, error));
      },
    );
  });
  return {
    result,
    touch(): void {
      lastProgress = performance.now();
    },
    stopRequested(): void {
      stopAt ??= performance.now();
    },
  };
}
