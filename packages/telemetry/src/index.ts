export { TelemetryError, isTelemetryError } from './errors';
export type { TelemetryErrorCode } from './errors';
export { systemClock } from './clock';
export type { Clock } from './clock';
export { createLogger, componentLogger, closeLogger, logFileFailure } from './logger';
export type { Logger, LogLevel, LoggerOptions, ConsoleStream } from './logger';
export { MetricsWriter } from './metrics-writer';
export type { MetricsRecord, MetricsWriterOptions } from './metrics-writer';
export { TrainingLogger, formatDuration } from './training-logger';
export type { TrainingLoggerOptions, MetricsSink, RecordResult } from './training-logger';
export { EMPTY_TALLY, combineTallies } from './game-tally';
export type { GameTally } from './game-tally';
export type {
  StatsEvent,
  DetailedStatsEvent,
  CheckpointSavedEvent,
  CheckpointFailedEvent,
  DivergenceEvent,
  EtaEvent,
  GameFailedEvent,
} from './training-events';
export { ConvergenceMonitor, STAGNATION_RULE, countTouched } from './convergence';
export type {
  ConvergenceOptions,
  ConvergenceSettings,
  ConvergenceSnapshot,
  ConvergenceState,
  CoverageStats,
  GameBatchObservation,
  StagnationMetric,
  StagnationStatus,
} from './convergence';
export type { WindowStats } from './window-stats';
export { MemoryMonitor, DEFAULT_MEMORY_BUDGET_BYTES, formatMiB } from './memory';
export type { MemoryMonitorOptions, MemoryPart, MemorySnapshot, ProcessMemory } from './memory';
export { ErrorTracker } from './error-tracker';
export type {
  ErrorTrackerOptions,
  ErrorTrackerState,
  ErrorSummary,
  TrackedError,
} from './error-tracker';
export { EtaEstimator } from './eta';
export type { EtaEstimatorOptions } from './eta';
export { ProgressReporter } from './progress';
export type { ProgressListener, ProgressReporterOptions, ProgressUpdate } from './progress';
export { createTelemetrySnapshot } from './snapshot';
export type { TelemetrySnapshot, TelemetrySources } from './snapshot';
export { TfEventsWriter, readTfEventsFile } from './tfevents/writer';
export type { ScalarSink, TfEventsWriterOptions } from './tfevents/writer';
export type { TfEvent, TfScalar } from './tfevents/event';
export { openRunTelemetry } from './run-telemetry';
export type { RunTelemetry, RunTelemetryOptions } from './run-telemetry';
