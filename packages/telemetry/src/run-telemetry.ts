import type { Clock } from './clock';
import { type LoggerOptions, type Logger, closeLogger, createLogger } from './logger';
import { MetricsWriter } from './metrics-writer';
import { TfEventsWriter } from './tfevents/writer';
import { TrainingLogger, type TrainingLoggerOptions } from './training-logger';

/**
 * Where a run's telemetry goes. The caller names the files (the trainer's run-directory module owns
 * the layout); telemetry only writes them.
 */
export interface RunTelemetryPaths {
  /** The run directory. */
  dir: string;
  /** pino's JSON lines. */
  log: string;
  /** One JSON object per metrics record. */
  metrics: string;
  /** The folder TensorBoard event files go into. */
  tensorboard: string;
}

export interface RunTelemetryOptions
  extends Pick<LoggerOptions, 'level' | 'pretty' | 'echo' | 'stream' | 'base'> {
  /** Write TensorBoard event files into the run directory. Default true. */
  tensorboard?: boolean | undefined;
  clock?: Clock | undefined;
  /** Passed to the TrainingLogger (cadence, total, resume offsets, details). */
  training?: Omit<TrainingLoggerOptions, 'logger' | 'metrics' | 'scalars' | 'clock'> | undefined;
}

export interface RunTelemetry {
  readonly paths: RunTelemetryPaths;
  readonly logger: Logger;
  readonly metrics: MetricsWriter;
  /** Null when disabled or when the event file could not be created (that was logged). */
  readonly tensorboard: TfEventsWriter | null;
  readonly training: TrainingLogger;
  /** Closes the files. Everything was written synchronously; nothing is waiting to flush. */
  close(): void;
}

/**
 * Wires a run's telemetry: the log (pino), the metrics file, TensorBoard event files, and a
 * TrainingLogger writing to all three. Failures to write metrics or events are logged once and
 * training goes on; an unwritable log file falls back to the console.
 */
export function openRunTelemetry(
  paths: RunTelemetryPaths,
  options: RunTelemetryOptions = {},
): RunTelemetry {
  const logger = createLogger({
    file: paths.log,
    level: options.level,
    pretty: options.pretty,
    echo: options.echo,
    stream: options.stream,
    base: options.base,
  });
  const log = logger.child({ component: 'telemetry' });
  const metrics = new MetricsWriter({
    file: paths.metrics,
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
        logdir: paths.tensorboard,
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
    paths,
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
