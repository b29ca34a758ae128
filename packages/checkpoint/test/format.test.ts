import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import CRC32 from 'crc-32';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckpointState, readCheckpointFile, writeCheckpointFile } from '../src/index';
import { sameArray, tempDir } from './helpers';

/**
 * Checked-in version-1 files: every later reader must load them (FORMAT.md, "Version policy"), and
 * today's writer must still produce the uncompressed one byte for byte. A small decoder written
 * from FORMAT.md's tables alone checks that the document describes the real bytes.
 * Regenerate (only for a deliberate format change, with a version bump): UPDATE_FIXTURES=1.
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const PLAIN = join(FIXTURES, 'v1-plain.prsm');
const DEFLATE = join(FIXTURES, 'v1-deflate.prsm');

function fixtureState(): CheckpointState {
  return {
    gamesCompleted: 123_456_789,
    timestamp: 1_700_000_000_000,
    metadata: { fixture: 'format v1', stages: 30, lr: 0.005 },
    sections: {
      weights: new Float32Array([0, -0, 1.5, -2.25, 1e-40, Number.NaN]),
      counters: new Uint32Array([1, 2, 0xffffffff]),
      rng: new BigUint64Array([0x0123456789abcdefn, 42n]),
      empty: new Int8Array(0),
    },
  };
}

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  if (process.env.UPDATE_FIXTURES === '1') {
    await writeCheckpointFile(PLAIN, fixtureState());
    await writeCheckpointFile(DEFLATE, fixtureState(), { compress: true, level: 9 });
  }
});
afterAll(() => cleanup());

/** FORMAT.md, transcribed: header, body header, table, names, metadata, data. */
function decodeByTheDocument(file: Uint8Array) {
  const h = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const header = {
    magic: Buffer.from(file.subarray(0, 4)).toString('latin1'),
    version: h.getUint32(4, true),
    flags: h.getUint32(8, true),
    payloadCrc: h.getUint32(12, true),
    games: Number(h.getBigUint64(16, true)),
    timestamp: Number(h.getBigInt64(24, true)),
    payloadLength: Number(h.getBigUint64(32, true)),
    headerLength: h.getUint32(40, true),
    headerCrc: h.getUint32(44, true),
  };
  const payload = file.subarray(48);
  const body = header.flags & 1 ? new Uint8Array(inflateRawSync(payload)) : payload;
  const b = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const count = b.getUint32(8, true);
  const namesAt = 32 + count * b.getUint32(12, true);
  const namesLength = b.getUint32(16, true);
  const metadataLength = b.getUint32(20, true);
  const sections = Array.from({ length: count }, (_, i) => {
    const at = 32 + i * 40;
    const nameOffset = b.getUint32(at, true);
    const name = Buffer.from(
      body.subarray(namesAt + nameOffset, namesAt + nameOffset + b.getUint32(at + 4, true)),
    ).toString('utf8');
    const offset = Number(b.getBigUint64(at + 24, true));
    const byteLength = Number(b.getBigUint64(at + 32, true));
    return {
      name,
      dtype: b.getUint32(at + 8, true),
      count: Number(b.getBigUint64(at + 16, true)),
      offset,
      bytes: body.slice(offset, offset + byteLength),
    };
  });
  const metaAt = namesAt + namesLength;
  return {
    header,
    payload,
    bodyLength: Number(b.getBigUint64(0, true)),
    bodySize: body.length,
    dataStart: Number(b.getBigUint64(24, true)),
    metadata: JSON.parse(Buffer.from(body.subarray(metaAt, metaAt + metadataLength)).toString()),
    sections,
  };
}

describe('format version 1', () => {
  for (const [label, path, flags] of [
    ['uncompressed', PLAIN, 0],
    ['compressed', DEFLATE, 1],
  ] as const) {
    it(`${label} fixture: FORMAT.md's tables decode it`, async () => {
      const file = new Uint8Array(await readFile(path));
      const doc = decodeByTheDocument(file);
      expect(doc.header).toMatchObject({
        magic: 'PRSM',
        version: 1,
        flags,
        games: 123_456_789,
        timestamp: 1_700_000_000_000,
        payloadLength: file.length - 48,
        headerLength: 48,
      });
      expect(doc.header.payloadCrc).toBe(CRC32.buf(doc.payload, 0) >>> 0);
      expect(doc.header.headerCrc).toBe(CRC32.buf(file.subarray(0, 44), 0) >>> 0);
      expect(doc.bodyLength).toBe(doc.bodySize);
      expect(doc.dataStart % 64).toBe(0);
      expect(doc.metadata).toEqual(fixtureState().metadata);
      expect(doc.sections.map((s) => [s.name, s.dtype, s.count])).toEqual([
        ['weights', 10, 6],
        ['counters', 6, 3],
        ['rng', 8, 2],
        ['empty', 2, 0],
      ]);
      for (const section of doc.sections) expect(section.offset % 64).toBe(0);
      const expected = fixtureState().sections;
      for (const section of doc.sections) {
        const array = expected[section.name]!;
        const raw = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
        expect(Buffer.from(section.bytes).equals(raw), section.name).toBe(true);
      }
    });

    it(`${label} fixture: loads with today's reader`, async () => {
      const state = await readCheckpointFile(path);
      const expected = fixtureState();
      expect(state.gamesCompleted).toBe(expected.gamesCompleted);
      expect(state.timestamp).toBe(expected.timestamp);
      expect(state.metadata).toEqual(expected.metadata);
      for (const [name, array] of Object.entries(expected.sections)) {
        expect(sameArray(state.sections[name], array), name).toBe(true);
      }
    });
  }

  it("today's writer reproduces the uncompressed fixture byte for byte", async () => {
    const path = join(dir, 'again.prsm');
    await writeCheckpointFile(path, fixtureState());
    expect((await readFile(path)).equals(await readFile(PLAIN))).toBe(true);
  });
});
