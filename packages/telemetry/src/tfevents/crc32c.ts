/** CRC-32C (Castagnoli), reflected polynomial 0x82F63B78, as TFRecord framing uses it. */
const POLYNOMIAL = 0x82f63b78;

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const TABLE: Uint32Array = buildTable();

/**
 * CRC-32C of `data`; pass a previous result as `crc` to continue over more bytes.
 * Check value: crc32c of the ASCII bytes "123456789" is 0xE3069283.
 */
export function crc32c(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** The TFRecord mask: rotate right by 15 and add a constant, so CRCs of CRCs stay useful. */
export function maskCrc32c(crc: number): number {
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/** Undoes maskCrc32c. */
export function unmaskCrc32c(masked: number): number {
  const rotated = (masked - 0xa282ead8) >>> 0;
  return ((rotated >>> 17) | (rotated << 15)) >>> 0;
}
