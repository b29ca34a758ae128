import { dirname } from 'node:path';
import { bodyChunks } from './body';
import { deflateTo } from './codec';
import { Crc32 } from './crc';
import type { CheckpointFileHandle, CheckpointFs } from './fs';
import { writeFully } from './fs';
import { FLAG_COMPRESSED, HEADER_SIZE, encodeHeader } from './header';
import { tempPathFor } from './names';
import type { NormalizedState } from './state';
import type { CompressionCodecName } from './types';

/** How a payload is stored. */
export interface EncodeOptions {
  compress: boolean;
  codec: CompressionCodecName;
  level: number;
}

/** Uncompressed data goes through one buffer of this size; compressed input is fed in such pieces. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Temp files this process is writing right now (absolute paths): startup hygiene in this same
 * process must leave them alone.
 */
export const activeTempFiles: Set<string> = new Set();

/**
 * Streams a checkpoint into `handle`: payload first (from byte 48), CRC computed on the bytes as
 * written, header last. Uncompressed data is copied chunk by chunk through a scratch buffer before
 * the CRC and the write, so a caller that touches its arrays mid-save cannot make the CRC disagree
 * with the bytes on disk. Returns the file's size.
 */
export async function encodeToHandle(
  handle: CheckpointFileHandle,
  state: NormalizedState,
  options: EncodeOptions,
): Promise<number> {
  const plan = state.plan;
  const crc = new Crc32();
  let position = HEADER_SIZE;
  const sink = async (chunk: Uint8Array): Promise<void> => {
    crc.update(chunk);
    await writeFully(handle, chunk, position);
    position += chunk.length;
  };
  if (options.compress) {
    await deflateTo(options.codec, options.level, bodyChunks(plan, CHUNK_BYTES), sink);
  } else {
    const scratch = new Uint8Array(CHUNK_BYTES);
    for (const chunk of bodyChunks(plan, CHUNK_BYTES)) {
      for (let at = 0; at < chunk.length; at += CHUNK_BYTES) {
        const piece = chunk.subarray(at, at + CHUNK_BYTES);
        scratch.set(piece);
        await sink(scratch.subarray(0, piece.length));
      }
    }
  }
  const header = encodeHeader({
    flags: options.compress ? FLAG_COMPRESSED : 0,
    payloadCrc: crc.value,
    gamesCompleted: state.gamesCompleted,
    timestamp: state.timestamp,
    payloadLength: position - HEADER_SIZE,
  });
  await writeFully(handle, header, 0);
  return position;
}

/**
 * One atomic attempt: temp file beside `finalPath`, fsync, close, rename, fsync the directory. On
 * any failure the temp file is closed and removed (best effort) and the raw error rethrown; the
 * file at `finalPath`, if any, is untouched unless the rename itself happened.
 */
export async function writeAtomically(
  fs: CheckpointFs,
  finalPath: string,
  state: NormalizedState,
  options: EncodeOptions,
): Promise<number> {
  const tempPath = tempPathFor(finalPath);
  activeTempFiles.add(tempPath);
  let handle: CheckpointFileHandle | undefined;
  let renamed = false;
  try {
    handle = await fs.open(tempPath, 'wx');
    const bytes = await encodeToHandle(handle, state, options);
    await handle.sync();
    const closing = handle;
    handle = undefined;
    await closing.close();
    await fs.rename(tempPath, finalPath);
    renamed = true;
    await fs.syncDir(dirname(finalPath));
    return bytes;
  } catch (error) {
    if (handle !== undefined) await handle.close().catch(() => undefined);
    if (!renamed) await fs.unlink(tempPath).catch(() => undefined);
    throw error;
  } finally {
    activeTempFiles.delete(tempPath);
  }
}
