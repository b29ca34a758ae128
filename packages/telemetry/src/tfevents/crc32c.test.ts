import { describe, expect, it } from 'vitest';
import { crc32c, maskCrc32c, unmaskCrc32c } from './crc32c';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('crc32c', () => {
  it('matches the standard check value for "123456789"', () => {
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
  });

  it('matches published vectors (RFC 3720 appendix B.4)', () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    const ascending = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(crc32c(ascending)).toBe(0x46dd794e);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });

  it('continues over split input', () => {
    const data = ascii('hello, tensorboard');
    expect(crc32c(data.subarray(7), crc32c(data.subarray(0, 7)))).toBe(crc32c(data));
  });

  it('masks as TFRecord does and unmasks back', () => {
    const crc = 0xe3069283;
    const rotated = ((crc >>> 15) | (crc << 17)) >>> 0;
    expect(maskCrc32c(crc)).toBe((rotated + 0xa282ead8) >>> 0);
    for (const value of [0, 1, 0xffffffff, crc, 0x12345678]) {
      expect(unmaskCrc32c(maskCrc32c(value))).toBe(value);
    }
  });
});
