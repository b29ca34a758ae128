import { crc32 } from './crc';
import { CheckpointError } from './errors';

/** `PRSM` in ASCII. Bytes 0..8 (magic, version) keep their place in every future version. */
export const MAGIC: Uint8Array = new Uint8Array([0x50, 0x52, 0x53, 0x4d]);
export const FORMAT_VERSION = 1;
export const HEADER_SIZE = 48;
/** Flag bit 0: the payload is one raw DEFLATE stream (RFC 1951) of the body. */
export const FLAG_COMPRESSED = 1;
const KNOWN_FLAGS = FLAG_COMPRESSED;
const HEADER_CRC_OFFSET = 44;

/** The fixed header in front of every .prsm file (FORMAT.md, "Header"). */
export interface CheckpointHeader {
  version: number;
  flags: number;
  compressed: boolean;
  /** CRC-32 of the payload bytes exactly as stored (compressed or not). */
  payloadCrc: number;
  gamesCompleted: number;
  timestamp: number;
  /** Bytes of payload after the header, as stored. */
  payloadLength: number;
}

export interface HeaderFields {
  flags: number;
  payloadCrc: number;
  gamesCompleted: number;
  timestamp: number;
  payloadLength: number;
}

/** The 48 header bytes for `fields`, with the header's own CRC filled in. */
export function encodeHeader(fields: HeaderFields): Uint8Array {
  const bytes = new Uint8Array(HEADER_SIZE);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, fields.flags, true);
  view.setUint32(12, fields.payloadCrc, true);
  view.setBigUint64(16, BigInt(fields.gamesCompleted), true);
  view.setBigInt64(24, BigInt(fields.timestamp), true);
  view.setBigUint64(32, BigInt(fields.payloadLength), true);
  view.setUint32(40, HEADER_SIZE, true);
  view.setUint32(HEADER_CRC_OFFSET, crc32(bytes.subarray(0, HEADER_CRC_OFFSET)), true);
  return bytes;
}

function fail(code: CheckpointError['code'], where: string, message: string, details = {}): never {
  throw new CheckpointError(code, `${where}: ${message}`, { details: { path: where, ...details } });
}

/**
 * Decodes and checks the header of a file of `fileSize` bytes whose first bytes are `head` (up to
 * HEADER_SIZE of them). Order matters: magic, version, length, the header's CRC, its fields, then
 * the declared payload length against the real file size. Nothing after the header is trusted here.
 */
export function decodeHeader(head: Uint8Array, fileSize: number, where: string): CheckpointHeader {
  if (head.length < MAGIC.length) {
    fail('CKPT_TRUNCATED', where, `file is ${fileSize} bytes, too short for a header`);
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (head[i] !== MAGIC[i]) fail('CKPT_BAD_MAGIC', where, 'not a .prsm file (magic is not PRSM)');
  }
  if (head.length < 8) fail('CKPT_TRUNCATED', where, `file is ${fileSize} bytes, header cut short`);
  const view = new DataView(head.buffer, head.byteOffset, head.length);
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) {
    fail(
      'CKPT_UNSUPPORTED_VERSION',
      where,
      `format version ${version}, this reader knows ${FORMAT_VERSION}`,
      { version },
    );
  }
  if (head.length < HEADER_SIZE) {
    fail('CKPT_TRUNCATED', where, `file is ${fileSize} bytes, the header alone is ${HEADER_SIZE}`);
  }
  const storedHeaderCrc = view.getUint32(HEADER_CRC_OFFSET, true);
  if (crc32(head.subarray(0, HEADER_CRC_OFFSET)) !== storedHeaderCrc) {
    fail('CKPT_BAD_HEADER', where, 'header CRC mismatch (the header is corrupt)');
  }
  return checkFields(view, fileSize, where);
}

function checkFields(view: DataView, fileSize: number, where: string): CheckpointHeader {
  const flags = view.getUint32(8, true);
  if ((flags & ~KNOWN_FLAGS) !== 0) {
    fail('CKPT_UNSUPPORTED_VERSION', where, `unknown flag bits 0x${flags.toString(16)}`, { flags });
  }
  const headerLength = view.getUint32(40, true);
  if (headerLength !== HEADER_SIZE) {
    fail('CKPT_BAD_HEADER', where, `header length ${headerLength}, expected ${HEADER_SIZE}`);
  }
  const games = view.getBigUint64(16, true);
  const timestamp = view.getBigInt64(24, true);
  const payloadLength = view.getBigUint64(32, true);
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (games > max || timestamp > max || timestamp < -max || payloadLength > max) {
    fail('CKPT_BAD_HEADER', where, 'a header field is beyond 2^53');
  }
  const expected = HEADER_SIZE + Number(payloadLength);
  if (fileSize < expected) {
    fail('CKPT_TRUNCATED', where, `file is ${fileSize} bytes, header declares ${expected}`, {
      fileSize,
      expected,
    });
  }
  if (fileSize > expected) {
    fail('CKPT_SIZE_MISMATCH', where, `file is ${fileSize} bytes, header declares ${expected}`, {
      fileSize,
      expected,
    });
  }
  return {
    version: FORMAT_VERSION,
    flags,
    compressed: (flags & FLAG_COMPRESSED) !== 0,
    payloadCrc: view.getUint32(12, true),
    gamesCompleted: Number(games),
    timestamp: Number(timestamp),
    payloadLength: Number(payloadLength),
  };
}
