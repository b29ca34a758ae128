import { describe, expect, it } from 'vitest';
import { crc32 } from './crc';
import type { CheckpointErrorCode } from './errors';
import { decodeHeader, encodeHeader, FLAG_COMPRESSED, HEADER_SIZE } from './header';

const fields = {
  flags: FLAG_COMPRESSED,
  payloadCrc: 0xdeadbeef,
  gamesCompleted: 1_234_567,
  timestamp: 1_700_000_000_123,
  payloadLength: 1000,
};

function codeOf(run: () => unknown): CheckpointErrorCode | 'none' {
  try {
    run();
    return 'none';
  } catch (error) {
    return (error as { code: CheckpointErrorCode }).code;
  }
}

function resealed(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer).setUint32(44, crc32(bytes.subarray(0, 44)), true);
  return bytes;
}

describe('header', () => {
  it('round-trips every field, little-endian, at the documented offsets', () => {
    const bytes = encodeHeader(fields);
    expect(bytes.length).toBe(HEADER_SIZE);
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('PRSM');
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(4, true)).toBe(1);
    expect(view.getUint32(8, true)).toBe(1);
    expect(view.getUint32(12, true)).toBe(0xdeadbeef);
    expect(view.getBigUint64(16, true)).toBe(1_234_567n);
    expect(view.getBigInt64(24, true)).toBe(1_700_000_000_123n);
    expect(view.getBigUint64(32, true)).toBe(1000n);
    expect(decodeHeader(bytes, HEADER_SIZE + 1000, 'f')).toEqual({
      ...fields,
      version: 1,
      compressed: true,
    });
  });

  it('keeps negative timestamps (before 1970)', () => {
    const bytes = encodeHeader({ ...fields, timestamp: -5 });
    expect(decodeHeader(bytes, HEADER_SIZE + 1000, 'f').timestamp).toBe(-5);
  });

  it('refuses with the code of the first check that fails', () => {
    const good = encodeHeader(fields);
    const size = HEADER_SIZE + 1000;
    const mutate = (at: number, value: number) => {
      const copy = good.slice();
      copy[at] = value;
      return copy;
    };
    expect(codeOf(() => decodeHeader(mutate(0, 0x51), size, 'f'))).toBe('CKPT_BAD_MAGIC');
    expect(codeOf(() => decodeHeader(mutate(4, 2), size, 'f'))).toBe('CKPT_UNSUPPORTED_VERSION');
    expect(codeOf(() => decodeHeader(mutate(20, 9), size, 'f'))).toBe('CKPT_BAD_HEADER');
    expect(codeOf(() => decodeHeader(mutate(46, 9), size, 'f'))).toBe('CKPT_BAD_HEADER');
    expect(codeOf(() => decodeHeader(good.subarray(0, 3), 3, 'f'))).toBe('CKPT_TRUNCATED');
    expect(codeOf(() => decodeHeader(good.subarray(0, 20), 20, 'f'))).toBe('CKPT_TRUNCATED');
    expect(codeOf(() => decodeHeader(good, size - 1, 'f'))).toBe('CKPT_TRUNCATED');
    expect(codeOf(() => decodeHeader(good, size + 1, 'f'))).toBe('CKPT_SIZE_MISMATCH');
    expect(codeOf(() => decodeHeader(good, size, 'f'))).toBe('none');
  });

  it('treats unknown flag bits as a newer format, and a wrong header length as corruption', () => {
    const size = HEADER_SIZE + 1000;
    const flagged = encodeHeader({ ...fields, flags: 0b10 });
    expect(codeOf(() => decodeHeader(flagged, size, 'f'))).toBe('CKPT_UNSUPPORTED_VERSION');
    const longer = encodeHeader(fields);
    new DataView(longer.buffer).setUint32(40, 64, true);
    expect(codeOf(() => decodeHeader(resealed(longer), size, 'f'))).toBe('CKPT_BAD_HEADER');
  });

  it('refuses 64-bit fields beyond 2^53 instead of rounding them', () => {
    const big = encodeHeader(fields);
    new DataView(big.buffer).setBigUint64(16, 2n ** 60n, true);
    expect(codeOf(() => decodeHeader(resealed(big), HEADER_SIZE + 1000, 'f'))).toBe(
      'CKPT_BAD_HEADER',
    );
    const huge = encodeHeader(fields);
    new DataView(huge.buffer).setBigUint64(32, 2n ** 62n, true);
    expect(codeOf(() => decodeHeader(resealed(huge), HEADER_SIZE + 1000, 'f'))).toBe(
      'CKPT_BAD_HEADER',
    );
  });
});
