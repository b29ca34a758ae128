import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng, sameArray, tempDir, weightsLike } from '../test/helpers';
import { DTYPES } from './dtypes';
import {
  readCheckpointBytes,
  readCheckpointFile,
  verifyCheckpointBytes,
  verifyCheckpointFile,
  writeCheckpointFile,
} from './files';
import type { CheckpointState, SectionArray } from './types';

/** One array of every dtype, with the awkward values of each (extremes, NaN, -0, subnormals). */
function everyDtype(): Record<string, SectionArray> {
  const nanPayload = new Float32Array(new Uint32Array([0x7fc00001, 0xffc12345]).buffer);
  return {
    u8: new Uint8Array([0, 1, 127, 128, 255]),
    i8: new Int8Array([-128, -1, 0, 1, 127]),
    u8c: new Uint8ClampedArray([0, 200, 255]),
    u16: new Uint16Array([0, 1, 65535]),
    i16: new Int16Array([-32768, -1, 32767]),
    u32: new Uint32Array([0, 1, 0xffffffff]),
    i32: new Int32Array([-(2 ** 31), -1, 2 ** 31 - 1]),
    u64: new BigUint64Array([0n, 1n, 2n ** 64n - 1n]),
    i64: new BigInt64Array([-(2n ** 63n), -1n, 2n ** 63n - 1n]),
    f32: new Float32Array([0, -0, 1.5, -1e-45, 3.4e38, Infinity, -Infinity, ...nanPayload]),
    f64: new Float64Array([0, -0, Math.PI, 5e-324, Number.MAX_VALUE, -Infinity, Number.NaN]),
  };
}

const MODES = [
  { compress: false, codec: 'zlib' as const },
  { compress: true, codec: 'zlib' as const },
  { compress: true, codec: 'fflate' as const },
];

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

describe('round trips', () => {
  it('covers every dtype the format defines', () => {
    expect(Object.keys(everyDtype()).sort()).toEqual([...DTYPES].sort());
  });

  for (const mode of MODES) {
    const label = mode.compress ? `compressed (${mode.codec})` : 'uncompressed';
    it(`${label}: every dtype, byte for byte, in order, with metadata`, async () => {
      const sections = everyDtype();
      const state: CheckpointState = {
        gamesCompleted: 123_456,
        timestamp: 1_700_000_000_000,
        metadata: { run: 'r1', lr: 0.005, unicode: 'Ωthello ♟', nested: { a: [1, null, true] } },
        sections,
      };
      const path = join(dir, `all-${label}.prsm`);
      const written = await writeCheckpointFile(path, state, mode);
      expect(written.bytes).toBe((await readFile(path)).length);
      for (const codec of ['zlib', 'fflate'] as const) {
        const back = await readCheckpointFile(path, { codec });
        expect(back.gamesCompleted).toBe(123_456);
        expect(back.timestamp).toBe(1_700_000_000_000);
        expect(back.metadata).toEqual(state.metadata);
        expect(Object.keys(back.sections)).toEqual(Object.keys(sections));
        for (const [name, array] of Object.entries(sections)) {
          expect(sameArray(back.sections[name], array), name).toBe(true);
        }
      }
    });

    it(`${label}: empty sections, no sections, empty metadata`, async () => {
      const path = join(dir, `empty-${label}.prsm`);
      await writeCheckpointFile(
        path,
        {
          gamesCompleted: 0,
          metadata: {},
          sections: { a: new Float32Array(0), b: new BigInt64Array(0), c: new Uint8Array([7]) },
        },
        mode,
      );
      const back = await readCheckpointFile(path);
      expect(back.sections.a).toBeInstanceOf(Float32Array);
      expect(back.sections.a!.length).toBe(0);
      expect(back.sections.b).toBeInstanceOf(BigInt64Array);
      expect([...back.sections.c!]).toEqual([7]);
      await writeCheckpointFile(path, { gamesCompleted: 1, metadata: {}, sections: {} }, mode);
      const none = await readCheckpointFile(path);
      expect(none.sections).toEqual({});
      expect(none.metadata).toEqual({});
      expect((await verifyCheckpointFile(path)).ok).toBe(true);
    });

    it(`${label}: sections larger than a write chunk, given as unaligned views`, async () => {
      // 5.2M floats: 20.8 MB, more than the 4 MiB chunk; the view starts at byte 4 of its buffer.
      const backing = weightsLike(5_200_001, 7);
      const view = backing.subarray(1);
      const bytes = new Uint8Array(backing.buffer, 1, 999);
      const path = join(dir, `big-${label}.prsm`);
      await writeCheckpointFile(
        path,
        { gamesCompleted: 5, metadata: {}, sections: { view, bytes } },
        mode,
      );
      const back = await readCheckpointFile(path);
      expect(sameArray(back.sections.view, view)).toBe(true);
      expect(sameArray(back.sections.bytes, bytes)).toBe(true);
      // Fresh, owned, aligned arrays: offset 0 in a buffer of exactly their size.
      for (const array of Object.values(back.sections)) {
        expect(array.byteOffset).toBe(0);
        expect(array.buffer.byteLength).toBe(array.byteLength);
      }
    });
  }

  it('writes compressed files that are smaller for weight-like data, and flags them', async () => {
    const sections = { w: weightsLike(200_000, 3) };
    const plain = await writeCheckpointFile(join(dir, 'p.prsm'), {
      gamesCompleted: 1,
      metadata: {},
      sections,
    });
    const packed = await writeCheckpointFile(
      join(dir, 'z.prsm'),
      { gamesCompleted: 1, metadata: {}, sections },
      { compress: true },
    );
    expect(packed.bytes).toBeLessThan(plain.bytes * 0.7);
    expect(await verifyCheckpointFile(join(dir, 'z.prsm'))).toMatchObject({
      ok: true,
      compressed: true,
    });
    expect(await verifyCheckpointFile(join(dir, 'p.prsm'))).toMatchObject({
      ok: true,
      compressed: false,
    });
  });

  it('keeps a section named __proto__ as plain data', async () => {
    const sections: Record<string, SectionArray> = {};
    Object.defineProperty(sections, '__proto__', {
      value: new Uint8Array([1, 2]),
      enumerable: true,
    });
    const path = join(dir, 'proto.prsm');
    await writeCheckpointFile(path, { gamesCompleted: 1, metadata: {}, sections });
    const back = await readCheckpointFile(path);
    expect(Object.getPrototypeOf(back.sections)).toBe(Object.prototype);
    expect(Object.keys(back.sections)).toEqual(['__proto__']);
  });

  it('reads and verifies from memory like from a file', async () => {
    const path = join(dir, 'mem.prsm');
    const random = rng(1);
    const f64 = Float64Array.from({ length: 1000 }, () => random());
    await writeCheckpointFile(
      path,
      { gamesCompleted: 9, metadata: { x: 1 }, sections: { f64 } },
      { compress: true },
    );
    const bytes = new Uint8Array(await readFile(path));
    const back = await readCheckpointBytes(bytes);
    expect(sameArray(back.sections.f64, f64)).toBe(true);
    expect(await verifyCheckpointBytes(bytes)).toMatchObject({
      ok: true,
      gamesCompleted: 9,
      sections: [{ name: 'f64', dtype: 'f64', length: 1000 }],
    });
  });

  it('refuses states it cannot write, before touching the disk', async () => {
    const path = join(dir, 'never.prsm');
    const bad: unknown[] = [
      { gamesCompleted: -1, metadata: {}, sections: {} },
      { gamesCompleted: 1.5, metadata: {}, sections: {} },
      { gamesCompleted: 2 ** 53, metadata: {}, sections: {} },
      { gamesCompleted: 1, timestamp: Number.NaN, metadata: {}, sections: {} },
      { gamesCompleted: 1, metadata: [], sections: {} },
      { gamesCompleted: 1, metadata: { big: 1n }, sections: {} },
      { gamesCompleted: 1, metadata: {}, sections: { a: [1, 2, 3] } },
      { gamesCompleted: 1, metadata: {}, sections: { a: new DataView(new ArrayBuffer(4)) } },
      { gamesCompleted: 1, metadata: {}, sections: { '': new Uint8Array(1) } },
    ];
    for (const state of bad) {
      await expect(writeCheckpointFile(path, state as CheckpointState)).rejects.toMatchObject({
        code: 'CKPT_INVALID_STATE',
      });
    }
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to write what a reader with the same limits would refuse to read', async () => {
    const path = join(dir, 'too-big.prsm');
    const state = {
      gamesCompleted: 1,
      metadata: { note: 'x'.repeat(100) },
      sections: { a: new Float32Array(1000) },
    };
    await expect(writeCheckpointFile(path, state, { maxBytes: 2000 })).rejects.toMatchObject({
      code: 'CKPT_INVALID_STATE',
    });
    await expect(writeCheckpointFile(path, state, { maxMetadataBytes: 50 })).rejects.toMatchObject({
      code: 'CKPT_INVALID_STATE',
    });
    await writeCheckpointFile(path, state, { maxBytes: 8000 });
    await expect(readCheckpointFile(path, { maxBytes: 8000 })).resolves.toMatchObject({
      gamesCompleted: 1,
    });
  });
});
