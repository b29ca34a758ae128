import { PassThrough, type Readable } from 'node:stream';

/** Where a command writes: a stream with `write`, and what a live view needs to know about it. */
export interface OutputStream {
  write(chunk: string): unknown;
  /** True on a terminal: live views redraw in place; otherwise they print plain lines. */
  isTTY?: boolean | undefined;
  /** Terminal width, when known. */
  columns?: number | undefined;
}

/**
 * The sink every command takes instead of touching `process`: tests pass buffers, the bin passes
 * the process's streams. Commands return their exit code rather than exiting.
 */
export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Read by `play` and `nboard`. */
  stdin: Readable;
  /** Print stack traces of unexpected errors (`--verbose`). */
  verbose?: boolean | undefined;
  /**
   * Registers a Ctrl-C handler for commands that end cleanly on it (monitor, evaluate, play);
   * returns the function that removes it. Absent: nobody interrupts (tests, embedding).
   */
  onInterrupt?: ((handler: () => void) => () => void) | undefined;
}

/** A CliIO whose output is kept in strings (tests, programmatic use). */
export interface BufferedIO extends CliIO {
  /** Everything written to stdout so far. */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
  /** The stdin stream, to write input into (end it when done). */
  input: PassThrough;
}

/** Makes a BufferedIO; `tty: true` makes both outputs claim to be terminals (live views). */
export function bufferedIO(options: { tty?: boolean; columns?: number } = {}): BufferedIO {
  let out = '';
  let err = '';
  const input = new PassThrough();
  return {
    stdout: {
      write: (chunk: string) => {
        out += chunk;
        return true;
      },
      isTTY: options.tty ?? false,
      columns: options.columns ?? 100,
    },
    stderr: {
      write: (chunk: string) => {
        err += chunk;
        return true;
      },
      isTTY: options.tty ?? false,
    },
    stdin: input,
    input,
    out: () => out,
    err: () => err,
  };
}

/** Writes one line (a newline is added). */
export function println(stream: OutputStream, line = ''): void {
  stream.write(`${line}\n`);
}
