import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bodyOf, withPayload } from '../test/craft';
import { tempDir } from '../test/helpers';
import { readCheckpointBytes, verifyCheckpointBytes, writeCheckpointFile } from './files';
import type { CheckpointState } from './types';

async function encodeToBytes(state: CheckpointState, compress = false): Promise<Uint8Array> {
  const tmp = await tempDir();
  try {
    const path = join(tmp.dir, 'c.prsm');
    await writeCheckpointFile(path, state, { compress });
    return new Uint8Array(await readFile(path));
  } finally {
    await tmp.cleanup();
  }
}

/**
 * Inflating is bounded by what the body header declares: a payload that inflates past it (a
 * DEFLATE bomb behind an honest-looking header) is refused with a code, and the excess is never
 * held in memory.
 */
describe('bounded decompression', () => {
  it('refuses a body that inflates far past its declared length, with either codec', async () => {
    const file = await encodeToBytes({ gamesCompleted: 5, metadata: { k: 1 }, sections: {} });
    const body = bodyOf(file);
    // the declared body stays small; the stream goes on with 256 MiB of zeros
    const bomb = new Uint8Array(body.length + 256 * 1024 ** 2);
    bomb.set(body);
    const crafted = withPayload(file, new Uint8Array(deflateRawSync(bomb, { level: 9 })), true);
    expect(crafted.length).toBeLessThan(1024 ** 2);
    for (const codec of ['zlib', 'fflate'] as const) {
      const before = process.memoryUsage().arrayBuffers;
      await expect(readCheckpointBytes(crafted, { codec })).rejects.toMatchObject({
        code: 'CKPT_BAD_PAYLOAD',
        message: expect.stringContaining(`more than the declared ${body.length} bytes`),
      });
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 ** 2);
    }
  });
});

describe('ReadOptions.accept', () => {
  const state = {
    gamesCompleted: 9,
    metadata: { format: 'someone-else' },
    sections: { big: new Float32Array(1 << 20) },
  };

  it('refuses a valid file of another kind before reading its data (CKPT_FOREIGN)', async () => {
    const file = await encodeToBytes(state, true);
    const seen: unknown[] = [];
    const accept = (prefix: { metadata: Record<string, unknown>; sections: unknown[] }) => {
      seen.push(prefix);
      return prefix.metadata.format === 'mine' ? undefined : 'not one of mine';
    };
    await expect(readCheckpointBytes(file, { accept })).rejects.toMatchObject({
      code: 'CKPT_FOREIGN',
      message: expect.stringContaining('not one of mine'),
    });
    expect(seen).toEqual([
      {
        metadata: { format: 'someone-else' },
        sections: [{ name: 'big', dtype: 'f32', length: 1 << 20 }],
      },
    ]);
    expect(await verifyCheckpointBytes(file, { accept })).toMatchObject({
      ok: false,
      code: 'CKPT_FOREIGN',
    });
  });

  it('loads the file when accept has no objection', async () => {
    const file = await encodeToBytes(state);
    const loaded = await readCheckpointBytes(file, { accept: () => undefined });
    expect(loaded.sections.big).toHaveLength(1 << 20);
  });
});
