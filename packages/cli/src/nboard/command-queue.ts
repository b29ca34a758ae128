import type { Readable } from 'node:stream';
import { type LineSink, MAX_LINE_BYTES, readLines } from './line-reader';

/** What the queue drives: one command at a time, and a way to cut a running search short. */
export interface CommandHandler {
  handle(line: string): Promise<'quit' | undefined>;
  /** Stop the search in progress, if any: its command answers at once with the best move so far. */
  stopSearch(): void;
  /** The input ended: stop the search in progress and any later one. */
  endInput(): void;
}

/** Commands that must not wait for a search: they stop it (the GUI is waiting on them). */
const URGENT = new Set(['ping', 'quit']);

function commandOf(line: string): string {
  return line.trim().split(/\s+/, 1)[0] ?? '';
}

/**
 * Reads `input` while commands run: lines queue up and are handled one at a time, in order, so
 * every answer keeps the protocol's order; but a `ping` or `quit` that arrives during a search
 * stops that search first (its answer goes out, then the ping's `pong`). The end of the input
 * ends the session: the search in progress stops, and the lines already read are answered with
 * searches that start stopped (depth 1), so it ends promptly. An over-long line is dropped with a
 * message to `warn`.
 */
export async function runCommandQueue(
  input: Readable,
  handler: CommandHandler,
  warn: (line: string) => void,
  maxLineBytes: number = MAX_LINE_BYTES,
): Promise<void> {
  const queue: string[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  const sink: LineSink = {
    line(text) {
      if (URGENT.has(commandOf(text))) handler.stopSearch();
      queue.push(text);
      notify();
    },
    tooLong(max) {
      warn(
        `nboard: an input line is longer than ${max} bytes; it is dropped up to its end and the session goes on`,
      );
    },
    end() {
      ended = true;
      handler.endInput();
      notify();
    },
  };
  const close = readLines(input, sink, maxLineBytes);
  try {
    for (;;) {
      const line = queue.shift();
      if (line !== undefined) {
        if ((await handler.handle(line)) === 'quit') return;
      } else if (ended) {
        return;
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
  } finally {
    close();
  }
}
