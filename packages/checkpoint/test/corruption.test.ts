import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CheckpointErrorCode,
  CheckpointManager,
  readCheckpointBytes,
  verifyCheckpointBytes,
  writeCheckpointFile,
} from '../src/index';
import { randInt, rng, tempDir, weightsLike } from './helpers';

/**
 * Random damage to valid files, seeded so every run checks the same 1,500 mutations: byte flips
 * anywhere (one or several), truncation at any length, bytes appended. Zero false accepts, and
 * each refusal carries the code of the first check that must catch it.
 */
const MUTATIONS = 1500;

interface Mutation {
  kind: 'flip' | 'truncate' | 'append';
  bytes: Uint8Array;
  expected: CheckpointErrorCode;
  detail: string;
}

/** The code a flip at `position` must produce: magic, version, header, then payload. */
function codeForFlipAt(position: number): CheckpointErrorCode {
  if (position < 4) return 'CKPT_BAD_MAGIC';
  if (position < 8) return 'CKPT_UNSUPPORTED_VERSION';
  if (position < 48) return 'CKPT_BAD_HEADER';
  return 'CKPT_CRC_MISMATCH';
}

function mutate(file: Uint8Array, random: () => number): Mutation {
  const roll = random();
  if (roll < 0.3) {
    const length = randInt(random, file.length);
    return {
      kind: 'truncate',
      bytes: file.slice(0, length),
      expected: 'CKPT_TRUNCATED',
      detail: `to ${length}`,
    };
  }
  if (roll < 0.35) {
    const extra = 1 + randInt(random, 64);
    const bytes = new Uint8Array(file.length + extra);
    bytes.set(file);
    return { kind: 'append', bytes, expected: 'CKPT_SIZE_MISMATCH', detail: `+${extra}` };
  }
  const bytes = file.slice();
  const flips = roll < 0.8 ? 1 : 2 + randInt(random, 7);
  // A third of the flips aim at the 48-byte header, so every header field is hit many times.
  const positions = Array.from({ length: flips }, () =>
    random() < 0.33 ? randInt(random, 48) : randInt(random, file.length),
  );
  for (const position of positions) bytes[position]! ^= 1 + randInt(random, 255);
  // Two flips on one byte can cancel out; only positions that end up changed count.
  const changed = positions.filter((p) => bytes[p] !== file[p]);
  if (changed.length === 0) return mutate(file, random);
  return {
    kind: 'flip',
    bytes,
    expected: codeForFlipAt(Math.min(...changed)),
    detail: `at ${changed.join(',')}`,
  };
}

const files: { label: string; bytes: Uint8Array }[] = [];
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const state = {
    gamesCompleted: 4242,
    timestamp: 1_700_000_000_000,
    metadata: { run: 'corruption', stages: 30 },
    sections: {
      weights: weightsLike(4000, 1),
      adamV: weightsLike(2000, 2).map(Math.abs),
      step: new BigUint64Array([4242n]),
      rng: new Uint32Array([1, 2, 3, 4]),
      empty: new Int16Array(0),
    },
  };
  for (const compress of [false, true]) {
    const path = join(dir, `base-${compress}.prsm`);
    await writeCheckpointFile(path, state, { compress });
    files.push({
      label: compress ? 'compressed' : 'plain',
      bytes: new Uint8Array(await readFile(path)),
    });
  }
});
afterAll(() => cleanup());

describe(`${MUTATIONS} seeded random corruptions`, () => {
  it('are all detected, each with the code of its first failing check', async () => {
    const random = rng(0xc0ffee);
    const tally: Record<string, number> = {};
    const wrong: string[] = [];
    for (let i = 0; i < MUTATIONS; i++) {
      const base = files[i % files.length]!;
      const mutation = mutate(base.bytes, random);
      const verdict = await verifyCheckpointBytes(mutation.bytes);
      const got = verdict.ok ? 'ACCEPTED' : verdict.code;
      tally[`${mutation.kind}:${got}`] = (tally[`${mutation.kind}:${got}`] ?? 0) + 1;
      if (got !== mutation.expected) {
        wrong.push(
          `#${i} ${base.label} ${mutation.kind} ${mutation.detail}: ${got}, expected ${mutation.expected}`,
        );
      }
      // load() must agree with verify() (checked on a sample: same code, never a state).
      if (i % 10 === 0) {
        const loaded = await readCheckpointBytes(mutation.bytes).then(
          () => 'ACCEPTED',
          (error: { code: string }) => error.code,
        );
        if (loaded !== got) wrong.push(`#${i} load says ${loaded}, verify says ${got}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(Object.keys(tally).some((k) => k.endsWith('ACCEPTED'))).toBe(false);
    // The mix really exercised every region of the file.
    for (const key of [
      'flip:CKPT_BAD_MAGIC',
      'flip:CKPT_UNSUPPORTED_VERSION',
      'flip:CKPT_BAD_HEADER',
      'flip:CKPT_CRC_MISMATCH',
      'truncate:CKPT_TRUNCATED',
      'append:CKPT_SIZE_MISMATCH',
    ]) {
      expect(tally[key] ?? 0, key).toBeGreaterThan(10);
    }
  });

  it('the untouched files still pass', async () => {
    for (const { bytes } of files) expect((await verifyCheckpointBytes(bytes)).ok).toBe(true);
  });

  it('on disk: loadLatest skips a damaged newest checkpoint for the previous one', async () => {
    const random = rng(7);
    for (let round = 0; round < 20; round++) {
      const runDir = join(dir, `run-${round}`);
      const manager = await CheckpointManager.open(runDir, { compress: round % 2 === 0 });
      for (const games of [1000, 2000]) {
        await manager.save({
          gamesCompleted: games,
          metadata: {},
          sections: { w: weightsLike(3000, games) },
        });
      }
      const newest = join(runDir, 'ckpt-000000002000.prsm');
      const mutation = mutate(new Uint8Array(await readFile(newest)), random);
      await writeFile(newest, mutation.bytes);
      const latest = await manager.loadLatest();
      expect(latest.state.gamesCompleted).toBe(1000);
      expect(latest.skipped).toEqual([
        expect.objectContaining({ path: newest, code: mutation.expected }),
      ]);
    }
  });
});
