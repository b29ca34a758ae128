import { CheckpointError, errnoOf } from './errors';
import type { CheckpointFs } from './fs';
import { readFully } from './fs';

/** Random access to the bytes of one checkpoint: an open file or a buffer. */
export interface ByteSource {
  /** Path or label used in error messages. */
  readonly where: string;
  readonly size: number;
  /** Reads up to `length` bytes at `position` into `buffer`; returns how many it read. */
  read(buffer: Uint8Array, length: number, position: number): Promise<number>;
  close(): Promise<void>;
}

/** Turns an fs error into CKPT_NOT_FOUND / CKPT_READ_FAILED; passes CheckpointErrors through. */
export function readError(error: unknown, where: string): CheckpointError {
  if (error instanceof CheckpointError) return error;
  const errno = errnoOf(error);
  if (errno === 'ENOENT') {
    return new CheckpointError('CKPT_NOT_FOUND', `${where}: no such checkpoint file`, {
      cause: error,
      details: { path: where, errno },
    });
  }
  const reason = errno ?? (error as Error)?.message ?? String(error);
  return new CheckpointError('CKPT_READ_FAILED', `${where}: cannot read (${reason})`, {
    cause: error,
    details: { path: where, errno },
  });
}

/** Opens `path` for reading. */
export async function openFileSource(fs: CheckpointFs, path: string): Promise<ByteSource> {
  try {
    const handle = await fs.open(path, 'r');
    try {
      const { size } = await handle.stat();
      return {
        where: path,
        size,
        read: (buffer, length, position) => readFully(handle, buffer, length, position),
        close: () => handle.close(),
      };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  } catch (error) {
    throw readError(error, path);
  }
}

/** A checkpoint already in memory. */
export function memorySource(bytes: Uint8Array, where = '<bytes>'): ByteSource {
  return {
    where,
    size: bytes.length,
    async read(buffer, length, position) {
      const piece = bytes.subarray(position, Math.min(bytes.length, position + length));
      buffer.set(piece);
      return piece.length;
    },
    async close() {},
  };
}
