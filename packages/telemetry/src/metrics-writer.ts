import { type Clock, systemClock } from './clock';
import { TelemetryError } from './errors';
import { closeQuietly, describe, openForAppend, writeAllSync } from './fs-sync';

/** One line of metrics.jsonl: `kind` says which event, `time` is ms since the epoch. */
export interface MetricsRecord {
  kind: string;
  time: number;
  [field: string]: unknown;
}

export interface MetricsWriterOptions {
  /** Usually `<run dir>/metrics.jsonl`; its directory is created. */
  file: string;
  clock?: Clock | undefined;
  /**
   * Called when writing starts failing (once per run of failures, again only after a write
   * succeeded in between). Metrics never stop training: a failed record is counted and dropped.
   */
  onError?: ((error: TelemetryError) => void) | undefined;
}

/**
 * Appends JSON lines to the run's metrics file, synchronously (a record handed over is on disk,
 * however the process ends). The file is opened on the first record and reopened after a failure.
 */
export class MetricsWriter {
  readonly file: string;
  private readonly clock: Clock;
  private readonly onError: ((error: TelemetryError) => void) | undefined;
  private fd: number | null = null;
  private failing = false;
  private droppedCount = 0;
  private writtenCount = 0;
  private closed = false;

  constructor(options: MetricsWriterOptions) {
    if (typeof options.file !== 'string' || options.file === '') {
      throw new TelemetryError('INVALID_OPTIONS', 'MetricsWriter needs a file path (option file)');
    }
    this.file = options.file;
    this.clock = options.clock ?? systemClock;
    this.onError = options.onError;
  }

  /** Records dropped because the file could not be written. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Records written. */
  get written(): number {
    return this.writtenCount;
  }

  /**
   * Appends `{ kind, time, ...fields }` (`kind` and `time` cannot be overridden by fields).
   * Non-finite numbers become null (JSON has no NaN). Returns false when the record was dropped.
   */
  write(kind: string, fields: object = {}): boolean {
    if (this.closed) {
      throw new TelemetryError('INVALID_STATE', `MetricsWriter for ${this.file} is closed`);
    }
    const time = this.clock();
    const record: MetricsRecord = Object.assign({ kind, time }, fields, { kind, time });
    try {
      const line = `${JSON.stringify(record, jsonSafe)}\n`;
      if (this.fd === null) this.fd = openForAppend(this.file);
      writeAllSync(this.fd, line);
    } catch (cause) {
      this.fail(cause);
      return false;
    }
    this.failing = false;
    this.writtenCount += 1;
    return true;
  }

  close(): void {
    closeQuietly(this.fd);
    this.fd = null;
    this.closed = true;
  }

  private fail(cause: unknown): void {
    this.droppedCount += 1;
    closeQuietly(this.fd);
    this.fd = null;
    if (this.failing) return;
    this.failing = true;
    const error =
      cause instanceof TelemetryError
        ? cause
        : new TelemetryError(
            'IO_FAILED',
            `cannot write metrics to ${this.file}: ${describe(cause)}`,
            {
              cause,
              details: { path: this.file },
            },
          );
    this.onError?.(error);
  }
}

/** JSON replacer: bigint as number (or string when unsafe); typed arrays as plain arrays. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  return value;
}
