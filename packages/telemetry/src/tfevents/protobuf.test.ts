import { describe, expect, it } from 'vitest';
import { ProtoWriter, fieldDouble, fieldFloat, fieldString, readFields } from './protobuf';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('ProtoWriter', () => {
  it('encodes varints as the protobuf docs show (150 -> 08 96 01)', () => {
    expect(hex(new ProtoWriter().varint(1, 150).finish())).toBe('089601');
    expect(hex(new ProtoWriter().varint(2, 0).finish())).toBe('1000');
    expect(hex(new ProtoWriter().varint(2, 300).finish())).toBe('10ac02');
  });

  it('encodes a negative int64 in ten bytes', () => {
    expect(hex(new ProtoWriter().varint(1, -1).finish())).toBe('08ffffffffffffffffff01');
  });

  it('encodes double, float and string fields with their wire types', () => {
    expect(hex(new ProtoWriter().double(1, 1).finish())).toBe('09000000000000f03f');
    expect(hex(new ProtoWriter().float(2, 1).finish())).toBe('150000803f');
    expect(hex(new ProtoWriter().string(3, 'abc').finish())).toBe('1a03616263');
  });

  it('round-trips through readFields, nested messages included', () => {
    const inner = new ProtoWriter().string(1, 'tag/é').float(2, 0.5);
    const bytes = new ProtoWriter()
      .double(1, 1234.5)
      .varint(2, 2 ** 40)
      .message(5, inner)
      .finish();
    const fields = [...readFields(bytes)];
    expect(fields.map((f) => [f.field, f.wireType])).toEqual([
      [1, 1],
      [2, 0],
      [5, 2],
    ]);
    expect(fieldDouble(fields[0]!.value as Uint8Array)).toBe(1234.5);
    expect(fields[1]!.value).toBe(2n ** 40n);
    const nested = [...readFields(fields[2]!.value as Uint8Array)];
    expect(fieldString(nested[0]!.value as Uint8Array)).toBe('tag/é');
    expect(fieldFloat(nested[1]!.value as Uint8Array)).toBe(0.5);
  });

  it('rejects truncated input with TFEVENTS_CORRUPT', () => {
    const bytes = new ProtoWriter().string(1, 'abcdef').finish();
    expect(() => [...readFields(bytes.subarray(0, 4))]).toThrow(
      expect.objectContaining({ code: 'TFEVENTS_CORRUPT' }),
    );
    expect(() => [...readFields(Uint8Array.of(0x08, 0x80))]).toThrow(/truncated varint/);
  });
});
