import type { OutputStream } from './io';

/** A process stream as the guard sees it: it writes, and reports failed writes as 'error'. */
export interface ErrorEmittingStream extends OutputStream {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** An output that stops writing, quietly, once its reader has gone. */
export interface GuardedOutput extends OutputStream {
  /** Set once a write failed (EPIPE: the reader closed the pipe); later writes are dropped. */
  readonly closedBy: string | undefined;
}

/**
 * Guards a process stream against a closed reader (`prismind-cli status | head -1`), as Unix tools
 * do: the failed write is not an unhandled 'error' (a stack trace and a dead process, which would
 * leave a training run unsaved), later writes are dropped, and `onClosed` is told once so a
 * command that only exists to print (monitor) can end. Any write error counts: a stream that
 * failed once is not written again.
 */
export function guardClosedPipe(stream: ErrorEmittingStream, onClosed: () => void): GuardedOutput {
  let closedBy: string | undefined;
  const close = (error: NodeJS.ErrnoException): void => {
    if (closedBy !== undefined) return;
    closedBy = error.code ?? error.message;
    onClosed();
  };
  stream.on('error', close);
  return {
    get closedBy() {
      return closedBy;
    },
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    write(chunk: string): boolean {
      if (closedBy !== undefined) return false;
      try {
        return stream.write(chunk) !== false;
      } catch (error) {
        close(error as NodeJS.ErrnoException);
        return false;
      }
    },
  };
}
