import { deflateRawSync, inflateRawSync } from 'node:zlib';
import CRC32 from 'crc-32';

/**
 * Tools for building hostile files: take a valid file, change its body, and recompute every CRC
 * and length so that only the structural checks can catch the lie.
 */
const HEADER = 48;

function crc(bytes: Uint8Array): number {
  return CRC32.buf(bytes, 0) >>> 0;
}

/** The body (uncompressed) of a valid file. */
export function bodyOf(file: Uint8Array): Uint8Array {
  const payload = file.subarray(HEADER);
  const compressed = (new DataView(file.buffer, file.byteOffset).getUint32(8, true) & 1) === 1;
  return compressed ? new Uint8Array(inflateRawSync(payload)) : payload.slice();
}

/** A file with `header`'s fields but `body` as its content, with correct CRCs and lengths. */
export function withBody(file: Uint8Array, body: Uint8Array, compress?: boolean): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset);
  const isCompressed = compress ?? (view.getUint32(8, true) & 1) === 1;
  const payload = isCompressed ? new Uint8Array(deflateRawSync(body)) : body;
  return withPayload(file, payload, isCompressed);
}

/** A file with `payload` stored as is after a header copied from `file`, CRCs recomputed. */
export function withPayload(
  file: Uint8Array,
  payload: Uint8Array,
  compressed: boolean,
): Uint8Array {
  const out = new Uint8Array(HEADER + payload.length);
  out.set(file.subarray(0, HEADER));
  out.set(payload, HEADER);
  const view = new DataView(out.buffer);
  view.setUint32(8, compressed ? 1 : 0, true);
  view.setUint32(12, crc(payload), true);
  view.setBigUint64(32, BigInt(payload.length), true);
  return refreshHeaderCrc(out);
}

/** Recomputes the header CRC (bytes 44..48) in place. */
export function refreshHeaderCrc(file: Uint8Array): Uint8Array {
  new DataView(file.buffer, file.byteOffset).setUint32(44, crc(file.subarray(0, 44)), true);
  return file;
}

/** Offset of section entry `index` inside a body. */
export function entryAt(index: number): number {
  return 32 + index * 40;
}
