import { open, mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';

/** The part of an open file the checkpoint code uses. Positions are always explicit. */
export interface CheckpointFileHandle {
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesRead: number }>;
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

/**
 * The file-system operations the package performs, so tests (and callers with unusual storage) can
 * inject their own, failures included. `nodeFs` is the real one.
 */
export interface CheckpointFs {
  /** 'r' to read; 'wx' to create a new file for writing (fails if it exists). */
  open(path: string, flags: 'r' | 'wx'): Promise<CheckpointFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
  mkdir(dir: string): Promise<void>;
  /** Makes the directory's entries (a rename) durable: fsync on the directory. */
  syncDir(dir: string): Promise<void>;
}

async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals renames itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The real file system (node:fs/promises). */
export const nodeFs: CheckpointFs = {
  async open(path, flags) {
    const handle = await open(path, flags);
    return {
      read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
      write: (buffer, offset, length, position) => handle.write(buffer, offset, length, position),
      sync: () => handle.sync(),
      stat: () => handle.stat(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  readdir: (dir) => readdir(dir),
  stat: (path) => stat(path),
  async mkdir(dir) {
    await mkdir(dir, { recursive: true });
  },
  syncDir,
};

/** Writes all of `bytes` at `position`, looping over short writes. */
export async function writeFully(
  handle: CheckpointFileHandle,
  bytes: Uint8Array,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten <= 0) {
      throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    }
    done += bytesWritten;
  }
}

/** Reads exactly `length` bytes at `position` into `buffer`; returns how many it could. */
export async function readFully(
  handle: CheckpointFileHandle,
  buffer: Uint8Array,
  length: number,
  position: number,
): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}
