import { hostname } from 'node:os';
import pino from 'pino';
import type { Logger as PinoLogger } from 'pino';
import pinoPretty from 'pino-pretty';
import { TelemetryError } from './errors';
import { closeQuietly, describe, openForAppend, writeAllSync } from './fs-sync';

/** The levels Prismind logs at. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A pino logger (children made with `logger.child({ component })` are the same type). */
export type Logger = PinoLogger;

/** Where console output goes: `process.stderr` unless a test hands in its own. */
export interface ConsoleStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
}

export interface LoggerOptions {
  /** JSON lines are appended here (its directory is created). Omit to log to the console only. */
  file?: string | undefined;
  /** Lowest level written; `silent` writes nothing. Default `info`. */
  level?: LogLevel | 'silent' | undefined;
  /**
   * Console format: `true` pretty (pino-pretty), `false` JSON lines, `'auto'` (default) pretty
   * when the console stream is a TTY. The file always gets JSON lines.
   */
  pretty?: boolean | 'auto' | undefined;
  /**
   * Also write to the console stream: `'auto'` (default) when there is no file or the console is
   * a TTY. When the file cannot be written the console is used regardless.
   */
  echo?: boolean | 'auto' | undefined;
  /** A `component` field on every line of this logger (children override it). */
  component?: string | undefined;
  /** More fields on every line (e.g. `{ runId }`). */
  base?: Record<string, unknown> | undefined;
  /** The console stream; default `process.stderr`. */
  stream?: ConsoleStream | undefined;
}

const LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Writes pino's serialized lines to console, formatted as JSON or pretty. */
class ConsoleSink {
  private readonly format: ((line: string) => string) | null;

  constructor(
    private readonly stream: ConsoleStream,
    pretty: boolean,
  ) {
    this.format = pretty
      ? pinoPretty.prettyFactory({
          colorize: stream.isTTY === true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,component',
          messageFormat: '{if component}[{component}] {end}{msg}',
        })
      : null;
  }

  write(line: string): void {
    this.stream.write(this.format === null ? line : this.format(line));
  }
}

/**
 * The pino destination: synchronous appends to the log file plus an optional console sink. When
 * the file fails (at open or on a later write) it is dropped for good and lines go to the console
 * stream; `onFileFailed` is called once so the logger can say so.
 */
class RunLogDestination {
  private fd: number | null = null;
  private console: ConsoleSink | null;
  private fileError: Error | null = null;
  onFileFailed: ((error: Error) => void) | null = null;

  constructor(
    readonly file: string | undefined,
    private readonly stream: ConsoleStream,
    private readonly pretty: boolean,
    echo: boolean,
  ) {
    this.console = echo ? new ConsoleSink(stream, pretty) : null;
    if (file !== undefined) {
      try {
        this.fd = openForAppend(file);
      } catch (error) {
        this.fallBack(error as Error);
      }
    }
  }

  /** The error that made the file unusable, or null while it is being written. */
  get failure(): Error | null {
    return this.fileError;
  }

  write(line: string): void {
    if (this.fd !== null) {
      try {
        writeAllSync(this.fd, line);
      } catch (cause) {
        closeQuietly(this.fd);
        this.fd = null;
        this.fallBack(
          new TelemetryError('IO_FAILED', `cannot write ${this.file}: ${describe(cause)}`, {
            cause,
            details: { path: this.file },
          }),
        );
        // the line failed in the file; the console (old or just created) must still get it
        this.console?.write(line);
        this.notify();
        return;
      }
    }
    this.console?.write(line);
  }

  /** Everything is written synchronously; pino's `logger.flush(cb)` just calls back. */
  flush(cb?: (error?: Error) => void): void {
    cb?.();
  }

  close(): void {
    closeQuietly(this.fd);
    this.fd = null;
  }

  private fallBack(error: Error): void {
    this.fileError = error;
    if (this.console === null) this.console = new ConsoleSink(this.stream, this.pretty);
  }

  /** Calls the hook at most once per destination. */
  notify(): void {
    const hook = this.onFileFailed;
    if (this.fileError === null || hook === null) return;
    this.onFileFailed = null;
    hook(this.fileError);
  }
}

/**
 * Creates the run's logger: JSON lines appended synchronously to `file` (nothing is lost when the
 * process exits right after a call), pretty output on a TTY, levels debug/info/warn/error, child
 * loggers per component (`logger.child({ component: 'trainer' })`). If the file cannot be written
 * it falls back to the console stream, says so once at warn level, and keeps going.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (!LEVELS.includes(level)) {
    throw new TelemetryError(
      'INVALID_OPTIONS',
      `option level must be one of ${LEVELS.join(', ')}, got ${String(level)}`,
      { details: { option: 'level', value: level } },
    );
  }
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const pretty = options.pretty === undefined || options.pretty === 'auto' ? tty : options.pretty;
  const echo =
    options.echo === undefined || options.echo === 'auto'
      ? options.file === undefined || tty
      : options.echo;
  const destination = new RunLogDestination(options.file, stream, pretty, echo);
  const bindings = {
    ...options.base,
    ...(options.component ? { component: options.component } : {}),
  };
  const logger = pino(
    { level, base: { pid: process.pid, hostname: hostname(), ...bindings } },
    destination,
  );
  destination.onFileFailed = (error) => {
    logger.warn(
      { event: 'log_fallback', file: options.file, err: error.message },
      `log file ${options.file} cannot be written; logging to the console instead`,
    );
  };
  destination.notify();
  return logger;
}

function destinationOf(logger: Logger): RunLogDestination | undefined {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];
  return stream instanceof RunLogDestination ? stream : undefined;
}

/** A child logger whose lines carry `component` (and any extra bindings). */
export function componentLogger(
  parent: Logger,
  component: string,
  bindings: Record<string, unknown> = {},
): Logger {
  return parent.child({ ...bindings, component });
}

/**
 * Why the logger's file is not being written (it fell back to the console), or null when it is
 * fine or the logger has no file or was not made by createLogger.
 */
export function logFileFailure(logger: Logger): Error | null {
  return destinationOf(logger)?.failure ?? null;
}

/** Releases the log file. Later lines from this logger or its children go nowhere but the console. */
export function closeLogger(logger: Logger): void {
  destinationOf(logger)?.close();
}
