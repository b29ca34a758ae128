import { join } from 'node:path';
import type { Clock } from './clock';
import { type LoggerOptions, type Logger, closeLogger, createLogger } from './logger';
import { MetricsWriter } from './metrics-writer';
import { TfEventsWriter } from './tfevents/writer';
import { TrainingLogger, type TrainingLoggerOptions } from './training-logger';

/** Where the run's log lines go, relative to the run directory. */
export const RUN_LOG_FILE = 'logs/train.jsonl';
/** Where the run's metrics go, relative to the run directory. */
export const RUN_METRICS_FILE = 'metrics.jsonl';

export interface RunTelemetryOptions
  extends Pick<LoggerOptions, 'level' | 'pretty' | 'echo' | 'stream' | 'base'> {
  /** Write TensorBoard event files into the run directory. Default true. */
  tensorboard?: boolean | undefined;
  clock?: Clock | undefined;
  /** Passed to the TrainingLogger (cadence, total, resume offsets, details). */
  training?: Omit<TrainingLoggerOptions, 'logger' | 'metrics' | 'scalars' | 'clock'> | undefined;
}

export interface RunTelemetry {
  readonly runDir: string;
  readonly logger: Logger;
  readonly metrics: MetricsWriter;
  /** Null when disabled or when the event file could not be created (that was logged). */
  readonly tensorboard: TfEventsWriter | null;
  readonly training: TrainingLogger;
  /** Closes the files. Everything was written synchronously; nothing is waiting to flush. */
  close(): void;
}

/**
 * Wires the run directory's telemetry: `logs/train.jsonl` (pino), `metrics.jsonl`, TensorBoard
 * event files, and a TrainingLogger writing to all three. Failures to write metrics or events are
 * logged once and training goes on; an unwritable log file falls back to the console.
 */
export function openRunTelemetry(runDir: string, options: RunTelemetryOptions = {}): RunTelemetry {
  const logger = createLogger({
    file: join(runDir, RUN_LOG_FILE),
    level: options.level,
    pretty: options.pretty,
    echo: options.echo,
    stream: options.stream,
    base: options.base,
  });
  const log = logger.child({ component: 'telemetry' });
  const metrics = new MetricsWriter({
    file: join(runDir, RUN_METRICS_FILE),
    clock: options.clock,
    onError: (error) =>
      log.warn(
        { event: 'metrics_failed', err: error.message },
        `${error.message}; metrics are dropped until writes succeed again`,
      ),
  });
  let tensorboard: TfEventsWriter | null = null;
  if (options.tensorboard !== false) {
    try {
      tensorboard = new TfEventsWriter({
        logdir: runDir,
        clock: options.clock,
        onError: (error) =>
          log.warn(
            { event: 'tfevents_failed', err: error.message },
            `${error.message}; TensorBoard events are dropped`,
          ),
      });
    } catch (error) {
      log.warn(
        { event: 'tfevents_failed', err: (error as Error).message },
        `no TensorBoard events for this run: ${(error as Error).message}`,
      );
    }
  }
  const training = new TrainingLogger({
    ...options.training,
    logger,
    metrics,
    scalars: tensorboard ?? undefined,
    clock: options.clock,
  });
  return {
    runDir,
    logger,
    metrics,
    tensorboard,
    training,
    close(): void {
      metrics.close();
      tensorboard?.close();
      closeLogger(logger);
    },
  };
}
