import type { Readable } from 'node:stream';

/** What a line reader reports. */
export interface LineSink {
  /** A complete line, without its `\n` (or `\r\n`). */
  line(text: string): void;
  /** A line passed `maxBytes`: it is being dropped up to its newline. Reported once per line. */
  tooLong(maxBytes: number): void;
  /** The input ended (or failed); after the last line. */
  end(): void;
}

/** NBoard lines are short (a GGF game is a few KiB); 64 KiB is plenty and bounds the memory. */
export const MAX_LINE_BYTES: number = 64 * 1024;

/**
 * Reads `input` line by line, as it arrives, into `sink`. Unlike readline, a line is never held
 * beyond `maxBytes`: a longer one is dropped as it streams in (a multi-gigabyte line costs no
 * memory and cannot overflow a string). Returns `close`, which stops reading.
 */
export function readLines(
  input: Readable,
  sink: LineSink,
  maxBytes: number = MAX_LINE_BYTES,
): () => void {
  let parts: Buffer[] = [];
  let held = 0;
  let dropping = false;
  let ended = false;

  const hold = (piece: Buffer): void => {
    if (dropping) return;
    if (held + piece.length > maxBytes) {
      parts = [];
      held = 0;
      dropping = true;
      sink.tooLong(maxBytes);
      return;
    }
    parts.push(piece);
    held += piece.length;
  };
  const finishLine = (): void => {
    if (!dropping) sink.line(Buffer.concat(parts, held).toString('utf8').replace(/\r$/, ''));
    parts = [];
    held = 0;
    dropping = false;
  };
  const onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let nl = bytes.indexOf(10, start); nl >= 0; nl = bytes.indexOf(10, start)) {
      hold(bytes.subarray(start, nl));
      finishLine();
      start = nl + 1;
    }
    if (start < bytes.length) hold(bytes.subarray(start));
  };
  const onEnd = (): void => {
    if (ended) return;
    ended = true;
    if (held > 0 && !dropping) finishLine();
    sink.end();
  };
  const close = (): void => {
    input.off('data', onData);
    input.off('end', onEnd);
    input.off('error', onEnd);
    input.off('close', onEnd);
    input.pause();
  };
  input.on('data', onData);
  input.once('end', onEnd);
  input.once('error', onEnd);
  input.once('close', onEnd);
  return close;
}
