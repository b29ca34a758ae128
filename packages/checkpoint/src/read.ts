import { DEFAULT_MAX_BYTES, DEFAULT_MAX_METADATA_BYTES } from './body';
import type { ParsedBody, SectionEntry } from './body-parser';
import { BodyParser } from './body-parser';
import { inflateTo } from './codec';
import { Crc32 } from './crc';
import { CheckpointError, errnoOf } from './errors';
import type { CheckpointHeader } from './header';
import { HEADER_SIZE, decodeHeader } from './header';
import { type ByteSource, readError } from './source';
import type { CompressionCodecName, DType, LoadedState } from './types';

/** Limits and implementation choices for reading. */
export interface ReadOptions {
  /** Inflate with node:zlib (default) or fflate. */
  codec?: CompressionCodecName;
  /** Most bytes a body may declare (what load can allocate). Default 2 GiB. */
  maxBytes?: number;
  /** Most bytes of metadata JSON. Default 64 MiB. */
  maxMetadataBytes?: number;
  /**
   * Checks the metadata and section table before any section data is inflated or allocated: a
   * returned reason refuses the file with CKPT_FOREIGN (a valid file of another kind costs a read
   * of its prefix, not an allocation of what it declares).
   */
  accept?: CheckpointAcceptor;
}

/** The part of a checkpoint known before its data: what ReadOptions.accept judges. */
export interface CheckpointPrefix {
  metadata: Record<string, unknown>;
  sections: { name: string; dtype: DType; length: number }[];
}

/** Returns why a file is not acceptable, or undefined to go on. */
export type CheckpointAcceptor = (prefix: CheckpointPrefix) => string | undefined;

const READ_CHUNK = 1024 * 1024;
/**
 * fflate inflates synchronously: feeding it less per read keeps each stretch of event-loop time
 * short (measured: 1 MiB reads blocked the loop for up to ~120 ms on weight-like data).
 */
const FFLATE_READ_CHUNK = 128 * 1024;

/** What verify() reports about a good file. */
export interface CheckpointSummary {
  ok: true;
  path: string;
  formatVersion: number;
  gamesCompleted: number;
  timestamp: number;
  compressed: boolean;
  /** Size of the file. */
  bytes: number;
  metadata: Record<string, unknown>;
  sections: { name: string; dtype: DType; length: number }[];
}

export type VerifyResult =
  | CheckpointSummary
  | { ok: false; path: string; code: CheckpointError['code']; message: string };

async function readHeaderOf(source: ByteSource): Promise<CheckpointHeader> {
  const head = new Uint8Array(Math.min(HEADER_SIZE, source.size));
  const got = await source.read(head, head.length, 0);
  return decodeHeader(head.subarray(0, got), source.size, source.where);
}

async function* payloadChunks(
  source: ByteSource,
  header: CheckpointHeader,
  fresh: boolean,
  chunkBytes = READ_CHUNK,
): AsyncGenerator<Uint8Array> {
  const end = HEADER_SIZE + header.payloadLength;
  let buffer = new Uint8Array(Math.min(chunkBytes, header.payloadLength));
  for (let position = HEADER_SIZE; position < end; ) {
    const length = Math.min(buffer.length, end - position);
    const got = await source.read(buffer, length, position);
    if (got < length) {
      throw new CheckpointError('CKPT_TRUNCATED', `${source.where}: file shrank while reading`, {
        details: { path: source.where },
      });
    }
    yield buffer.subarray(0, got);
    position += got;
    if (fresh) buffer = new Uint8Array(buffer.length);
  }
}

/** Magic, version, header CRC, sizes, then the payload CRC: nothing else is trusted before this. */
async function checkIntegrity(source: ByteSource): Promise<CheckpointHeader> {
  const header = await readHeaderOf(source);
  const crc = new Crc32();
  for await (const chunk of payloadChunks(source, header, false)) crc.update(chunk);
  if (crc.value !== header.payloadCrc) {
    throw new CheckpointError(
      'CKPT_CRC_MISMATCH',
      `${source.where}: payload CRC is ${crc.value.toString(16)}, header says ${header.payloadCrc.toString(16)}`,
      { details: { path: source.where } },
    );
  }
  return header;
}

function acceptWith(
  accept: CheckpointAcceptor,
): (parsed: Omit<ParsedBody, 'sections'>) => string | undefined {
  return ({ metadata, entries }) => accept({ metadata, sections: describe(entries) });
}

async function parseBody(
  source: ByteSource,
  header: CheckpointHeader,
  options: ReadOptions,
  keepData: boolean,
): Promise<ParsedBody> {
  const codec = options.codec ?? 'zlib';
  const parser = new BodyParser(
    source.where,
    {
      storedLength: header.payloadLength,
      compressed: header.compressed,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      maxMetadataBytes: options.maxMetadataBytes ?? DEFAULT_MAX_METADATA_BYTES,
    },
    keepData,
    options.accept === undefined ? undefined : acceptWith(options.accept),
  );
  if (!header.compressed) {
    for await (const chunk of payloadChunks(source, header, false)) {
      parser.push(chunk);
      if (!keepData && parser.prefixDone) {
        parser.skipData();
        break;
      }
    }
    return parser.finish();
  }
  try {
    const input =
      codec === 'zlib'
        ? payloadChunks(source, header, true)
        : payloadChunks(source, header, false, FFLATE_READ_CHUNK);
    await inflateTo(codec, input, (chunk) => parser.push(chunk));
  } catch (error) {
    if (error instanceof CheckpointError || errnoOf(error) !== undefined) throw error;
    throw new CheckpointError(
      'CKPT_BAD_PAYLOAD',
      `${source.where}: compressed payload does not inflate (${(error as Error).message})`,
      { cause: error, details: { path: source.where } },
    );
  }
  return parser.finish();
}

/** Reads, checks and decodes a whole checkpoint from `source` (which it closes). */
export async function readFromSource(
  source: ByteSource,
  options: ReadOptions = {},
): Promise<LoadedState> {
  try {
    const header = await checkIntegrity(source);
    const body = await parseBody(source, header, options, true);
    return {
      gamesCompleted: header.gamesCompleted,
      timestamp: header.timestamp,
      metadata: body.metadata,
      sections: body.sections,
    };
  } catch (error) {
    throw readError(error, source.where);
  } finally {
    await source.close().catch(() => undefined);
  }
}

function describe(entries: SectionEntry[]): CheckpointSummary['sections'] {
  return entries.map((e) => ({ name: e.name, dtype: e.dtype.name, length: e.length }));
}

/** Checks everything load() checks without keeping the arrays; never throws. */
export async function verifySource(
  source: ByteSource,
  options: ReadOptions = {},
): Promise<VerifyResult> {
  try {
    const header = await checkIntegrity(source);
    const body = await parseBody(source, header, options, false);
    return {
      ok: true,
      path: source.where,
      formatVersion: header.version,
      gamesCompleted: header.gamesCompleted,
      timestamp: header.timestamp,
      compressed: header.compressed,
      bytes: source.size,
      metadata: body.metadata,
      sections: describe(body.entries),
    };
  } catch (error) {
    const failure = readError(error, source.where);
    return { ok: false, path: source.where, code: failure.code, message: failure.message };
  } finally {
    await source.close().catch(() => undefined);
  }
}

/** The header of `source`, checked (magic, version, header CRC, sizes) but with no payload CRC. */
export async function headerFromSource(source: ByteSource): Promise<CheckpointHeader> {
  try {
    return await readHeaderOf(source);
  } catch (error) {
    throw readError(error, source.where);
  } finally {
    await source.close().catch(() => undefined);
  }
}
