import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, entryAt, withBody, withPayload } from '../test/craft';
import { tempDir } from '../test/helpers';
import { readCheckpointBytes, verifyCheckpointBytes, writeCheckpointFile } from './files';

/**
 * Hostile files: every CRC and length is right, only the structure lies. The reader must refuse
 * each one with the right code, without allocating what the lie asks for.
 */
let plain: Uint8Array;
let packed: Uint8Array;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  const state = {
    gamesCompleted: 77,
    metadata: { kind: 'hostile-test' },
    sections: { a: new Float32Array(1000).fill(0.5), b: new Int32Array([1, 2, 3]) },
  };
  await writeCheckpointFile(join(tmp.dir, 'p.prsm'), state);
  await writeCheckpointFile(join(tmp.dir, 'z.prsm'), state, { compress: true });
  plain = new Uint8Array(await readFile(join(tmp.dir, 'p.prsm')));
  packed = new Uint8Array(await readFile(join(tmp.dir, 'z.prsm')));
});
afterAll(() => cleanup());

type Patch = (body: Uint8Array, view: DataView) => void;

async function codeAfter(file: Uint8Array, patch: Patch): Promise<string> {
  const body = bodyOf(file);
  patch(body, new DataView(body.buffer, body.byteOffset, body.length));
  const crafted = withBody(file, body);
  const verdict = await verifyCheckpointBytes(crafted);
  const loaded = await readCheckpointBytes(crafted).then(
    () => 'accepted',
    (error: { code: string }) => error.code,
  );
  expect(verdict.ok ? 'accepted' : verdict.code).toBe(loaded);
  return loaded;
}

const CASES: [string, Patch, string][] = [
  [
    'an element count of 2^40 (4 TiB of floats)',
    (_b, v) => {
      v.setBigUint64(entryAt(0) + 16, 2n ** 40n, true);
      v.setBigUint64(entryAt(0) + 32, 2n ** 42n, true);
    },
    'CKPT_BAD_SECTION',
  ],
  [
    'byte length that disagrees with count x dtype',
    (_b, v) => v.setBigUint64(entryAt(0) + 32, 3999n, true),
    'CKPT_BAD_SECTION',
  ],
  [
    'a section past the end of the body',
    (_b, v) => v.setBigUint64(entryAt(1) + 24, 1n << 30n, true),
    'CKPT_BAD_SECTION',
  ],
  [
    'overlapping sections',
    (_b, v) => v.setBigUint64(entryAt(1) + 24, v.getBigUint64(entryAt(0) + 24, true), true),
    'CKPT_BAD_SECTION',
  ],
  ['an unknown dtype code', (_b, v) => v.setUint32(entryAt(1) + 8, 99, true), 'CKPT_BAD_SECTION'],
  [
    'a nonzero reserved field',
    (_b, v) => v.setUint32(entryAt(0) + 12, 1, true),
    'CKPT_BAD_SECTION',
  ],
  [
    'a name outside the names block',
    (_b, v) => v.setUint32(entryAt(1), 5000, true),
    'CKPT_BAD_SECTION',
  ],
  ['duplicate names', (b) => b.set([0x61], 32 + 2 * 40 + 1), 'CKPT_BAD_SECTION'],
  ['a name that is not UTF-8', (b) => b.set([0xff], 32 + 2 * 40), 'CKPT_BAD_SECTION'],
  ['70,000 sections', (_b, v) => v.setUint32(8, 70_000, true), 'CKPT_BAD_SECTION'],
  ['metadata that is not JSON', (b) => b.set([0x7b, 0x7b], 32 + 2 * 40 + 2), 'CKPT_BAD_METADATA'],
  ['metadata of 4 GiB', (_b, v) => v.setUint32(20, 0xffffffff, true), 'CKPT_BAD_METADATA'],
  ['section entries of another size', (_b, v) => v.setUint32(12, 48, true), 'CKPT_BAD_PAYLOAD'],
  ['data starting inside the table', (_b, v) => v.setBigUint64(24, 8n, true), 'CKPT_BAD_PAYLOAD'],
];

describe('hostile section tables (valid CRCs)', () => {
  for (const [what, patch, code] of CASES) {
    it(`refuses ${what}: ${code}`, async () => {
      expect(await codeAfter(plain, patch)).toBe(code);
      expect(await codeAfter(packed, patch)).toBe(code);
    });
  }

  it('refuses metadata that is JSON but not an object', async () => {
    const body = bodyOf(plain);
    const view = new DataView(body.buffer);
    const metaAt = 32 + 2 * 40 + 2;
    const length = view.getUint32(20, true);
    body.set(new TextEncoder().encode('['.padEnd(length - 1, ' ').concat(']')), metaAt);
    const verdict = await verifyCheckpointBytes(withBody(plain, body));
    expect(verdict).toMatchObject({ ok: false, code: 'CKPT_BAD_METADATA' });
  });

  it('refuses an uncompressed body whose length disagrees with the payload', async () => {
    expect(await codeAfter(plain, (_b, v) => v.setBigUint64(0, 12n, true))).toBe(
      'CKPT_SIZE_MISMATCH',
    );
  });

  it('refuses a tiny compressed file that claims a multi-GiB body, before allocating', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const body = bodyOf(packed);
    const view = new DataView(body.buffer);
    view.setBigUint64(0, 3n * 1024n ** 3n, true);
    view.setBigUint64(entryAt(0) + 16, 700_000_000n, true);
    view.setBigUint64(entryAt(0) + 32, 2_800_000_000n, true);
    const verdict = await verifyCheckpointBytes(withBody(packed, body));
    expect(verdict).toMatchObject({ ok: false, code: 'CKPT_BAD_PAYLOAD' });
    await expect(readCheckpointBytes(withBody(packed, body))).rejects.toMatchObject({
      code: 'CKPT_BAD_PAYLOAD',
    });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 ** 2);
  });

  it('honours maxBytes for bodies a reader does not want to hold', async () => {
    await expect(readCheckpointBytes(plain, { maxBytes: 1024 })).rejects.toMatchObject({
      code: 'CKPT_BAD_PAYLOAD',
    });
    await expect(readCheckpointBytes(plain, { maxBytes: 1 << 20 })).resolves.toMatchObject({
      gamesCompleted: 77,
    });
  });

  it('refuses a compressed body that ends early or runs long', async () => {
    const body = bodyOf(packed);
    const short = withBody(packed, body.subarray(0, body.length - 10));
    expect(await verifyCheckpointBytes(short)).toMatchObject({
      ok: false,
      code: 'CKPT_BAD_PAYLOAD',
    });
    const long = new Uint8Array(body.length + 100);
    long.set(body);
    expect(await verifyCheckpointBytes(withBody(packed, long))).toMatchObject({
      ok: false,
      code: 'CKPT_BAD_PAYLOAD',
    });
  });

  it('refuses a payload that does not inflate, with either codec', async () => {
    const garbage = withPayload(packed, new Uint8Array([0xff, 0xff, 0xff, 0xff, 1, 2, 3]), true);
    for (const codec of ['zlib', 'fflate'] as const) {
      expect(await verifyCheckpointBytes(garbage, { codec })).toMatchObject({
        ok: false,
        code: 'CKPT_BAD_PAYLOAD',
      });
    }
    const cut = withPayload(packed, packed.subarray(48, packed.length - 20), true);
    for (const codec of ['zlib', 'fflate'] as const) {
      await expect(readCheckpointBytes(cut, { codec })).rejects.toMatchObject({
        code: 'CKPT_BAD_PAYLOAD',
      });
    }
  });
});
