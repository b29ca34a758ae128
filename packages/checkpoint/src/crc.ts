import CRC32 from 'crc-32';

/** Incremental CRC-32 (IEEE, as zlib and PNG use it) over any number of chunks. */
export class Crc32 {
  private state = 0;

  update(bytes: Uint8Array): void {
    if (bytes.length > 0) this.state = CRC32.buf(bytes, this.state);
  }

  /** The CRC of everything seen so far, as an unsigned 32-bit integer. */
  get value(): number {
    return this.state >>> 0;
  }
}

/** CRC-32 of one buffer, unsigned. */
export function crc32(bytes: Uint8Array): number {
  return CRC32.buf(bytes, 0) >>> 0;
}
