import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckpointLogger, CheckpointState, SectionArray } from '../src/index';

/** mulberry32: a small seeded PRNG, so every "random" test is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export function randInt(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/** Weights-like content: mostly zeros, the rest small floats. */
export function weightsLike(length: number, seed: number): Float32Array {
  const random = rng(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = random() < 0.6 ? 0 : (random() - 0.5) * 0.1;
  return out;
}

/** A state whose every byte is derived from `games`, so a test can tell which save it came from. */
export function stateFor(games: number, elements = 1000): CheckpointState {
  return {
    gamesCompleted: games,
    timestamp: 1_700_000_000_000 + games,
    metadata: { games, note: 'test', nested: { list: [1, 2, 3] } },
    sections: {
      weights: weightsLike(elements, games + 1),
      adamM: weightsLike(elements, games + 2),
      counters: new Uint32Array([games, games * 2, 7]),
    },
  };
}

export async function tempDir(prefix = 'prsm-test-'): Promise<{
  dir: string;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface RecordedLog {
  level: 'info' | 'warn';
  obj: Record<string, unknown>;
  msg: string;
}

/** A logger that remembers every call. */
export function recordingLogger(): CheckpointLogger & { records: RecordedLog[] } {
  const records: RecordedLog[] = [];
  return {
    records,
    info: (obj, msg) => records.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => records.push({ level: 'warn', obj, msg }),
  };
}

/** Byte-exact equality of two section arrays, including their type. */
export function sameArray(a: SectionArray | undefined, b: SectionArray | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) return false;
  if (a.length !== b.length) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/**
 * A few-MB state cheap to build, every byte a function of `games`: the crash test's child writes
 * it and the parent recomputes it to check what loadLatest returns.
 */
export function crashState(games: number, elements: number): CheckpointState {
  const weights = new Float32Array(elements);
  for (let i = games % 3; i < elements; i += 3)
    weights[i] = (((i * 31 + games) % 1000) - 500) / 1e4;
  const adamM = new Float32Array(elements);
  for (let i = 0; i < elements; i += 2) adamM[i] = weights[i]! * 0.5;
  const adamV = new Float32Array(elements).fill(games / 1e6);
  return {
    gamesCompleted: games,
    timestamp: 1_700_000_000_000 + games,
    metadata: { games, child: true },
    sections: { weights, adamM, adamV, step: new BigUint64Array([BigInt(games)]) },
  };
}
