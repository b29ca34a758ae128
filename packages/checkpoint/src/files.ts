import { resolve } from 'node:path';
import { CheckpointError, errnoOf } from './errors';
import { type CheckpointFs, nodeFs } from './fs';
import type { CheckpointHeader } from './header';
import {
  type ReadOptions,
  type VerifyResult,
  headerFromSource,
  readFromSource,
  verifySource,
} from './read';
import { memorySource, openFileSource, readError } from './source';
import { normalizeState } from './state';
import type { CheckpointState, CompressionCodecName, LoadedState } from './types';
import { writeAtomically } from './write';

export interface FileReadOptions extends ReadOptions {
  fs?: CheckpointFs;
}

export interface CompressionOptions {
  /** Store the payload as raw DEFLATE (flag bit 0). Default false. */
  compress?: boolean;
  /** Default 'zlib'. */
  codec?: CompressionCodecName;
  /** DEFLATE level 1..9. Default 1: on float weights higher levels cost ~3x for ~1% less. */
  level?: number;
}

export interface FileWriteOptions
  extends CompressionOptions,
    Pick<ReadOptions, 'maxBytes' | 'maxMetadataBytes'> {
  fs?: CheckpointFs;
}

/** Result of a durable save. */
export interface WriteResult {
  path: string;
  /** Size of the file written. */
  bytes: number;
  /** Wall time until the file was durable (rename and directory fsync done). */
  seconds: number;
}

export const DEFAULT_COMPRESSION_LEVEL = 1;

/** Validates compression options and fills in defaults. */
export function resolveCompression(options: CompressionOptions): Required<CompressionOptions> {
  const level = options.level ?? DEFAULT_COMPRESSION_LEVEL;
  const codec = options.codec ?? 'zlib';
  if (!Number.isInteger(level) || level < 1 || level > 9) {
    throw new CheckpointError('CKPT_INVALID_OPTIONS', `compression level ${level}: expected 1..9`);
  }
  if (codec !== 'zlib' && codec !== 'fflate') {
    throw new CheckpointError('CKPT_INVALID_OPTIONS', `codec "${codec}": expected zlib or fflate`);
  }
  return { compress: options.compress ?? false, codec, level };
}

/** Reads and checks a whole .prsm file; throws CheckpointError. */
export async function readCheckpointFile(
  path: string,
  options: FileReadOptions = {},
): Promise<LoadedState> {
  const source = await openFileSource(options.fs ?? nodeFs, path);
  return readFromSource(source, options);
}

/** Checks a .prsm file as load would, without keeping its arrays. Never throws. */
export async function verifyCheckpointFile(
  path: string,
  options: FileReadOptions = {},
): Promise<VerifyResult> {
  try {
    const source = await openFileSource(options.fs ?? nodeFs, path);
    return await verifySource(source, options);
  } catch (error) {
    const failure = readError(error, path);
    return { ok: false, path, code: failure.code, message: failure.message };
  }
}

/** Decodes a checkpoint held in memory; throws CheckpointError. */
export function readCheckpointBytes(
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<LoadedState> {
  return readFromSource(memorySource(bytes), options);
}

/** Checks a checkpoint held in memory. Never throws. */
export function verifyCheckpointBytes(
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<VerifyResult> {
  return verifySource(memorySource(bytes), options);
}

/** The checked header of a file (magic, version, header CRC, sizes), without reading the payload. */
export async function readCheckpointHeader(
  path: string,
  options: { fs?: CheckpointFs } = {},
): Promise<CheckpointHeader> {
  return headerFromSource(await openFileSource(options.fs ?? nodeFs, path));
}

/** Wraps a failed write attempt in CKPT_WRITE_FAILED, keeping the system code. */
export function writeFailure(error: unknown, path: string, attempts: number): CheckpointError {
  if (error instanceof CheckpointError && error.code !== 'CKPT_WRITE_FAILED') return error;
  const errno = errnoOf(error) ?? 'EUNKNOWN';
  const reason = (error as Error)?.message ?? String(error);
  const tries = attempts === 1 ? 'once' : `${attempts} times`;
  return new CheckpointError(
    'CKPT_WRITE_FAILED',
    `saving ${path} failed ${tries} (${errno}): ${reason}; any previous checkpoint is intact`,
    { cause: error, details: { path, errno, attempts } },
  );
}

/**
 * Writes one checkpoint atomically at `path` (temp file, fsync, rename, directory fsync), one
 * attempt, no retention. The CheckpointManager adds retries and retention on top.
 */
export async function writeCheckpointFile(
  path: string,
  state: CheckpointState,
  options: FileWriteOptions = {},
): Promise<WriteResult> {
  const encode = resolveCompression(options);
  const normalized = normalizeState(state, options);
  const finalPath = resolve(path);
  const started = performance.now();
  try {
    const bytes = await writeAtomically(options.fs ?? nodeFs, finalPath, normalized, encode);
    return { path: finalPath, bytes, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    throw writeFailure(error, finalPath, 1);
  }
}
