import { type Clock, systemClock } from './clock';
import type { ConvergenceMonitor, ConvergenceSnapshot } from './convergence';
import type { ErrorSummary, ErrorTracker } from './error-tracker';
import type { MemoryMonitor, MemorySnapshot } from './memory';
import type { ProgressUpdate } from './progress';

/** All statistics at one moment, as plain JSON-ready data (null where a source is absent). */
export interface TelemetrySnapshot {
  /** ms since the epoch. */
  time: number;
  convergence: ConvergenceSnapshot | null;
  memory: MemorySnapshot | null;
  errors: ErrorSummary | null;
  progress: ProgressUpdate<unknown> | null;
}

export interface TelemetrySources {
  convergence?: ConvergenceMonitor | undefined;
  /** Sampled with `check()`, so an over-budget warning fires from here too. */
  memory?: MemoryMonitor | undefined;
  errors?: ErrorTracker | undefined;
  /** A reporter's last update (`reporter.last`) or any update. */
  progress?: ProgressUpdate<unknown> | null | undefined;
  clock?: Clock | undefined;
}

/** Takes a snapshot of every source given; `JSON.stringify` it as is. */
export function createTelemetrySnapshot(sources: TelemetrySources): TelemetrySnapshot {
  return {
    time: (sources.clock ?? systemClock)(),
    convergence: sources.convergence?.snapshot() ?? null,
    memory: sources.memory?.check() ?? null,
    errors: sources.errors?.summary() ?? null,
    progress: sources.progress ?? null,
  };
}
