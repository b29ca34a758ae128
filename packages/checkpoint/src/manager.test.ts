import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { faultyFs } from '../test/faulty-fs';
import { recordingLogger, sameArray, stateFor, tempDir } from '../test/helpers';
import { isCheckpointError } from './errors';
import { CheckpointManager } from './manager';
import { checkpointFileName } from './names';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const gamesIn = async (d: string) =>
  (await readdir(d))
    .filter((n) => n.startsWith('ckpt-'))
    .map((n) => Number(n.slice(5, 17)))
    .sort((a, b) => a - b);

async function flipByte(path: string, at: number): Promise<void> {
  const bytes = await readFile(path);
  bytes[at] = bytes[at]! ^ 0x40;
  await writeFile(path, bytes);
}

describe('CheckpointManager basics', () => {
  it('saves, lists, verifies and loads', async () => {
    const manager = await CheckpointManager.open(join(dir, 'nested', 'checkpoints'));
    const saved = await manager.save(stateFor(10_000));
    expect(saved).toMatchObject({
      path: join(dir, 'nested', 'checkpoints', 'ckpt-000000010000.prsm'),
      gamesCompleted: 10_000,
      compressed: false,
      attempts: 1,
      pruned: [],
    });
    expect(saved.bytes).toBeGreaterThan(8000);
    expect(saved.seconds).toBeGreaterThan(0);

    const listed = await manager.list();
    expect(listed).toEqual([
      {
        path: saved.path,
        fileName: 'ckpt-000000010000.prsm',
        gamesCompleted: 10_000,
        timestamp: 1_700_000_010_000,
        bytes: saved.bytes,
        compressed: false,
      },
    ]);
    expect(await manager.verify('ckpt-000000010000.prsm')).toMatchObject({
      ok: true,
      gamesCompleted: 10_000,
    });
    const loaded = await manager.load(saved.path);
    const expected = stateFor(10_000);
    expect(loaded.metadata).toEqual(expected.metadata);
    for (const name of Object.keys(expected.sections)) {
      expect(sameArray(loaded.sections[name], expected.sections[name])).toBe(true);
    }
  });

  it('uses Date.now() when the state has no timestamp', async () => {
    const manager = await CheckpointManager.open(dir);
    const before = Date.now();
    await manager.save({ gamesCompleted: 1, metadata: {}, sections: {} });
    const { state } = await manager.loadLatest();
    expect(state.timestamp).toBeGreaterThanOrEqual(before);
    expect(state.timestamp).toBeLessThanOrEqual(Date.now());
  });

  it('switches compression per save; loads read both', async () => {
    const manager = await CheckpointManager.open(dir);
    await manager.save(stateFor(1, 50_000));
    manager.setCompression(true, { codec: 'fflate', level: 6 });
    const packed = await manager.save(stateFor(2, 50_000));
    manager.setCompression(false);
    await manager.save(stateFor(3, 50_000));
    const listed = await manager.list();
    expect(listed.map((c) => c.compressed)).toEqual([false, true, false]);
    expect(packed.compressed).toBe(true);
    expect(packed.bytes).toBeLessThan(listed[0]!.bytes);
    const back = await manager.load(packed.path);
    expect(sameArray(back.sections.weights, stateFor(2, 50_000).sections.weights)).toBe(true);
  });

  it('replaces a checkpoint saved again at the same games count', async () => {
    const manager = await CheckpointManager.open(dir);
    await manager.save(stateFor(7));
    const again = { ...stateFor(7), metadata: { second: true } };
    await manager.save(again);
    expect(await readdir(dir)).toEqual([checkpointFileName(7)]);
    expect((await manager.loadLatest()).state.metadata).toEqual({ second: true });
  });

  it('runs concurrent saves one after another', async () => {
    const manager = await CheckpointManager.open(dir, { keepLast: 3 });
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((g) => manager.save(stateFor(g))));
    expect(results.map((r) => r.gamesCompleted)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await gamesIn(dir)).toEqual([4, 5, 6]);
  });

  it('rejects bad options and states with typed errors, writing nothing', async () => {
    expect(() => new CheckpointManager(dir, { keepLast: 0 })).toThrow(
      expect.objectContaining({ code: 'CKPT_INVALID_OPTIONS' }),
    );
    expect(() => new CheckpointManager(dir, { level: 12 })).toThrow(
      expect.objectContaining({ code: 'CKPT_INVALID_OPTIONS' }),
    );
    const manager = await CheckpointManager.open(dir);
    expect(() => manager.setRetention(-1)).toThrow(
      expect.objectContaining({ code: 'CKPT_INVALID_OPTIONS' }),
    );
    expect(() => manager.setCompression(true, { codec: 'lz4' as 'zlib' })).toThrow(
      expect.objectContaining({ code: 'CKPT_INVALID_OPTIONS' }),
    );
    await expect(
      manager.save({ gamesCompleted: -3, metadata: {}, sections: {} }),
    ).rejects.toMatchObject({ code: 'CKPT_INVALID_STATE' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports missing files as CKPT_NOT_FOUND', async () => {
    const manager = await CheckpointManager.open(dir);
    await expect(manager.load('ckpt-000000000001.prsm')).rejects.toMatchObject({
      code: 'CKPT_NOT_FOUND',
    });
    expect(await manager.verify('nope.prsm')).toMatchObject({ ok: false, code: 'CKPT_NOT_FOUND' });
    const empty = await manager.loadLatest().catch((e: unknown) => e);
    expect(isCheckpointError(empty, 'CKPT_NOT_FOUND')).toBe(true);
  });
});

describe('retention', () => {
  it('keeps the last N (default 5) after every save', async () => {
    const manager = await CheckpointManager.open(dir);
    for (let g = 1; g <= 8; g++) await manager.save(stateFor(g * 100));
    expect(await gamesIn(dir)).toEqual([400, 500, 600, 700, 800]);
    manager.setRetention(2);
    const result = await manager.save(stateFor(900));
    expect(result.pruned.map((p) => p.slice(-22))).toEqual([
      checkpointFileName(700),
      checkpointFileName(600),
      checkpointFileName(500),
      checkpointFileName(400),
    ]);
    expect(await gamesIn(dir)).toEqual([800, 900]);
  });

  it('keeps every K-th forever on top of the last N', async () => {
    const manager = await CheckpointManager.open(dir, { keepLast: 2, keepEvery: 4000 });
    for (let g = 1000; g <= 13_000; g += 1000) await manager.save(stateFor(g));
    expect(await gamesIn(dir)).toEqual([4000, 8000, 12_000, 13_000]);
    manager.setRetention(1, { keepEvery: 0 });
    await manager.applyRetention();
    expect(await gamesIn(dir)).toEqual([13_000]);
  });

  it('can be left to the caller', async () => {
    const manager = await CheckpointManager.open(dir, { keepLast: 1, autoRetention: false });
    for (let g = 1; g <= 3; g++) await manager.save(stateFor(g));
    expect(await gamesIn(dir)).toEqual([1, 2, 3]);
    const result = await manager.applyRetention();
    expect(result.deleted.length).toBe(2);
    expect(await gamesIn(dir)).toEqual([3]);
  });

  it('never deletes the checkpoint just written, even when it is older than the others', async () => {
    const manager = await CheckpointManager.open(dir, { keepLast: 2 });
    for (const g of [500, 600, 700]) await manager.save(stateFor(g));
    const resumed = await manager.save(stateFor(100));
    expect(resumed.pruned).toEqual([]);
    expect(await gamesIn(dir)).toEqual([100, 600, 700]);
  });

  it('never deletes the only valid checkpoint', async () => {
    const manager = await CheckpointManager.open(dir, { keepLast: 5, autoRetention: false });
    for (const g of [1, 2, 3, 4]) await manager.save(stateFor(g));
    // The two newest are damaged (say, by the disk): retention must keep a good one around.
    await flipByte(join(dir, checkpointFileName(4)), 200);
    await truncate(join(dir, checkpointFileName(3)), 100);
    const logger = recordingLogger();
    const strict = await CheckpointManager.open(dir, { keepLast: 2, logger });
    const result = await strict.applyRetention();
    expect(await gamesIn(dir)).toEqual([2, 3, 4]);
    expect(result.deleted.map((p) => p.slice(-22))).toEqual([checkpointFileName(1)]);
    expect(logger.records.some((r) => r.msg.includes('only valid one'))).toBe(true);
    expect((await strict.loadLatest()).state.gamesCompleted).toBe(2);
  });
});

describe('loadLatest', () => {
  it('falls back past corrupt and truncated newer files, and says so', async () => {
    const logger = recordingLogger();
    const manager = await CheckpointManager.open(dir, { logger });
    for (const g of [10, 20, 30]) await manager.save(stateFor(g));
    await flipByte(join(dir, checkpointFileName(30)), 1000);
    await truncate(join(dir, checkpointFileName(20)), 500);
    const latest = await manager.loadLatest();
    expect(latest.path).toBe(join(dir, checkpointFileName(10)));
    expect(latest.state.gamesCompleted).toBe(10);
    expect(latest.skipped).toEqual([
      expect.objectContaining({
        path: join(dir, checkpointFileName(30)),
        code: 'CKPT_CRC_MISMATCH',
      }),
      expect.objectContaining({ path: join(dir, checkpointFileName(20)), code: 'CKPT_TRUNCATED' }),
    ]);
    const warnings = logger.records.filter((r) => r.level === 'warn');
    expect(warnings.map((w) => w.msg)).toEqual([
      'skipping unusable checkpoint',
      'skipping unusable checkpoint',
      'fell back to an older checkpoint',
    ]);
    const listed = await manager.list();
    expect(listed.map((c) => c.problem?.code)).toEqual([undefined, 'CKPT_TRUNCATED', undefined]);
  });

  it('fails with CKPT_NOT_FOUND listing every skipped file when none is usable', async () => {
    const manager = await CheckpointManager.open(dir);
    await manager.save(stateFor(1));
    await flipByte(join(dir, checkpointFileName(1)), 0);
    const error = await manager.loadLatest().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CKPT_NOT_FOUND',
      details: { skipped: [expect.objectContaining({ code: 'CKPT_BAD_MAGIC' })] },
    });
  });
});

describe('startup hygiene', () => {
  it('removes temp files of dead writers, keeps everything else, and reports it', async () => {
    const deadPid = 2 ** 22 + 12_345; // above Linux's pid_max default: never alive
    const stale = `.ckpt-000000000007.prsm.tmp-${deadPid}-abc123`;
    const ours = `.ckpt-000000000008.prsm.tmp-${process.pid}-0f0f0f`;
    const live = `.ckpt-000000000009.prsm.tmp-${process.ppid}-1a2b3c`;
    const unrelated = ['notes.txt', 'ckpt-000000000001.prsm.bak', '.tmp-123-abc', '.x.tmp-1-zz'];
    const first = await CheckpointManager.open(dir);
    await first.save(stateFor(5));
    for (const name of [stale, ours, live, ...unrelated]) await writeFile(join(dir, name), 'x');

    const logger = recordingLogger();
    const manager = new CheckpointManager(dir, { logger });
    const report = await manager.ready();
    expect(report.removedTempFiles.sort()).toEqual([join(dir, ours), join(dir, stale)].sort());
    expect(report.keptTempFiles).toEqual([join(dir, live)]);
    expect((await readdir(dir)).sort()).toEqual([checkpointFileName(5), live, ...unrelated].sort());
    const warned = logger.records.find((r) => r.level === 'warn');
    expect(warned?.obj.removed).toEqual(report.removedTempFiles);
    expect((await manager.loadLatest()).state.gamesCompleted).toBe(5);
    // Once per manager: a second call does not rescan.
    expect(await manager.ready()).toBe(report);
  });

  it('leaves alone the temp file of a save in progress in the same process', async () => {
    const { fs, holdWrites } = faultyFs([]);
    const manager = await CheckpointManager.open(dir, { fs });
    const release = holdWrites();
    const saving = manager.save(stateFor(1));
    while (!(await readdir(dir)).some((n) => n.includes('.tmp-'))) {
      await new Promise((r) => setTimeout(r, 1));
    }
    const other = await new CheckpointManager(dir).ready();
    expect(other.removedTempFiles).toEqual([]);
    expect(other.keptTempFiles.length).toBe(1);
    release();
    expect((await saving).attempts).toBe(1);
    expect(await readdir(dir)).toEqual([checkpointFileName(1)]);
    expect((await manager.verify(checkpointFileName(1))).ok).toBe(true);
  });
});
