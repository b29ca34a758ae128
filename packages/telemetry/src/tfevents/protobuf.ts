import { TelemetryError } from '../errors';

/** Protobuf wire types used by the tfevents messages. */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: true });

/** A minimal protobuf encoder: just the field kinds the Event/Summary messages need. */
export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;

  /** An unsigned or int64 varint field; negative numbers take 10 bytes (two's complement). */
  varint(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.rawVarint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  /** A `double` field (wire type fixed64, little-endian IEEE 754). */
  double(field: number, value: number): this {
    this.tag(field, WIRE_FIXED64);
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, value, true);
    this.push(bytes);
    return this;
  }

  /** A `float` field (wire type fixed32, little-endian IEEE 754 single). */
  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.push(bytes);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.rawVarint(BigInt(value.length));
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, textEncoder.encode(value));
  }

  /** An embedded message field. */
  message(field: number, message: ProtoWriter): this {
    return this.bytes(field, message.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  private tag(field: number, wireType: number): void {
    this.rawVarint(BigInt(field) * 8n + BigInt(wireType));
  }

  private rawVarint(value: bigint): void {
    const bytes: number[] = [];
    let rest = value;
    do {
      let byte = Number(rest & 0x7fn);
      rest >>= 7n;
      if (rest > 0n) byte |= 0x80;
      bytes.push(byte);
    } while (rest > 0n);
    this.push(Uint8Array.from(bytes));
  }

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
}

/** One decoded field: `value` is a bigint for varints, the raw bytes for the other wire types. */
export interface ProtoField {
  field: number;
  wireType: number;
  value: bigint | Uint8Array;
}

function corrupt(message: string, offset: number): TelemetryError {
  return new TelemetryError('TFEVENTS_CORRUPT', `protobuf: ${message} at byte ${offset}`, {
    details: { offset },
  });
}

/** Iterates the fields of one protobuf message, checking every length against the buffer. */
export function* readFields(data: Uint8Array): Generator<ProtoField> {
  let offset = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (offset >= data.length) throw corrupt('truncated varint', offset);
      const byte = data[offset++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw corrupt('varint longer than 10 bytes', offset);
  };
  const take = (n: number): Uint8Array => {
    if (n > data.length - offset) throw corrupt(`field of ${n} bytes overruns the message`, offset);
    const slice = data.subarray(offset, offset + n);
    offset += n;
    return slice;
  };
  while (offset < data.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field === 0) throw corrupt('field number 0', offset);
    if (wireType === WIRE_VARINT) yield { field, wireType, value: varint() };
    else if (wireType === WIRE_FIXED64) yield { field, wireType, value: take(8) };
    else if (wireType === WIRE_FIXED32) yield { field, wireType, value: take(4) };
    else if (wireType === WIRE_LENGTH_DELIMITED) {
      const length = varint();
      if (length > BigInt(data.length))
        throw corrupt(`length ${length} overruns the message`, offset);
      yield { field, wireType, value: take(Number(length)) };
    } else throw corrupt(`unsupported wire type ${wireType}`, offset);
  }
}

/** Reads a little-endian double from an 8-byte fixed64 field. */
export function fieldDouble(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, true);
}

/** Reads a little-endian float from a 4-byte fixed32 field. */
export function fieldFloat(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
}

export function fieldString(bytes: Uint8Array): string {
  return textDecoder.decode(bytes);
}
