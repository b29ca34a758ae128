import { endianness } from 'node:os';
import { CheckpointError } from './errors';
import type { DType, SectionArray } from './types';

type SectionArrayConstructor = new (length: number) => SectionArray;

/** One row of the dtype table of FORMAT.md. Codes are part of the file format: never renumber. */
export interface DTypeInfo {
  name: DType;
  code: number;
  bytes: number;
  /** What Object.prototype.toString says for an instance (works across realms). */
  tag: string;
  create: SectionArrayConstructor;
}

const TABLE: readonly DTypeInfo[] = [
  { name: 'u8', code: 1, bytes: 1, tag: 'Uint8Array', create: Uint8Array },
  { name: 'i8', code: 2, bytes: 1, tag: 'Int8Array', create: Int8Array },
  { name: 'u8c', code: 3, bytes: 1, tag: 'Uint8ClampedArray', create: Uint8ClampedArray },
  { name: 'u16', code: 4, bytes: 2, tag: 'Uint16Array', create: Uint16Array },
  { name: 'i16', code: 5, bytes: 2, tag: 'Int16Array', create: Int16Array },
  { name: 'u32', code: 6, bytes: 4, tag: 'Uint32Array', create: Uint32Array },
  { name: 'i32', code: 7, bytes: 4, tag: 'Int32Array', create: Int32Array },
  { name: 'u64', code: 8, bytes: 8, tag: 'BigUint64Array', create: BigUint64Array },
  { name: 'i64', code: 9, bytes: 8, tag: 'BigInt64Array', create: BigInt64Array },
  { name: 'f32', code: 10, bytes: 4, tag: 'Float32Array', create: Float32Array },
  { name: 'f64', code: 11, bytes: 8, tag: 'Float64Array', create: Float64Array },
];

const BY_CODE = new Map(TABLE.map((d) => [d.code, d]));
const BY_TAG = new Map(TABLE.map((d) => [d.tag, d]));

/** Every dtype name, in code order. */
export const DTYPES: readonly DType[] = TABLE.map((d) => d.name);

/** The dtype stored under `code`, or undefined for a code this version does not know. */
export function dtypeByCode(code: number): DTypeInfo | undefined {
  return BY_CODE.get(code);
}

/** The dtype of a typed array (a Buffer counts as u8), or undefined for anything else. */
export function dtypeOf(value: unknown): DTypeInfo | undefined {
  if (!ArrayBuffer.isView(value)) return undefined;
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  return BY_TAG.get(tag);
}

/**
 * Sections are stored little-endian and copied as raw bytes, which is right only on a
 * little-endian host (every platform Node ships for but s390x).
 */
export function assertLittleEndian(): void {
  if (endianness() !== 'LE') {
    throw new CheckpointError(
      'CKPT_UNSUPPORTED_PLATFORM',
      '.prsm sections are little-endian; this big-endian host would need byte swapping',
    );
  }
}

/** The bytes of a typed array, as a view (no copy). */
export function bytesOf(array: SectionArray): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
