import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointManager, checkpointFileName, writeCheckpointFile } from '../src/index';
import { type Fault, faultyFs } from './faulty-fs';
import { recordingLogger, sameArray, stateFor, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

/** A manager with one good checkpoint (games 100) written through the real file system. */
async function withPrevious(faults: Fault[], options: { shortWrites?: boolean } = {}) {
  await (await CheckpointManager.open(dir)).save(stateFor(100));
  const previousBytes = await readFile(join(dir, checkpointFileName(100)));
  const faulty = faultyFs(faults, options);
  const logger = recordingLogger();
  const manager = await CheckpointManager.open(dir, { fs: faulty.fs, logger, keepLast: 1 });
  return { manager, logger, previousBytes, ...faulty };
}

async function expectPreviousIntact(previousBytes: Buffer) {
  // Only the previous checkpoint: no temp litter, nothing under the failed save's name.
  expect(await readdir(dir)).toEqual([checkpointFileName(100)]);
  expect((await readFile(join(dir, checkpointFileName(100)))).equals(previousBytes)).toBe(true);
  const latest = await (await CheckpointManager.open(dir)).loadLatest();
  expect(latest.state.gamesCompleted).toBe(100);
  expect(sameArray(latest.state.sections.weights, stateFor(100).sections.weights)).toBe(true);
}

describe('a failing disk', () => {
  for (const [at, code] of [
    ['write', 'ENOSPC'],
    ['open', 'EACCES'],
    ['sync', 'EIO'],
    ['close', 'EIO'],
    ['rename', 'EIO'],
  ] as const) {
    it(`${code} on ${at}, twice: one CKPT_WRITE_FAILED, previous checkpoint intact`, async () => {
      const fault: Fault = { at, code, times: Infinity, afterBytes: 64 * 1024 };
      const { manager, logger, previousBytes, calls } = await withPrevious([fault]);
      const error = await manager.save(stateFor(200, 100_000)).catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'CheckpointError',
        code: 'CKPT_WRITE_FAILED',
        details: { errno: code, attempts: 2, path: join(dir, checkpointFileName(200)) },
      });
      expect((error as Error).message).toContain(code);
      expect((error as Error).cause).toMatchObject({ code });
      // Tried exactly twice; the retry was logged once, with the code; nothing else was reported.
      expect(calls['open:wx']).toBe(2);
      expect(logger.records).toEqual([
        expect.objectContaining({ level: 'warn', obj: expect.objectContaining({ errno: code }) }),
      ]);
      await expectPreviousIntact(previousBytes);
    });
  }

  it('ENOSPC partway through a large write: nothing pruned, nothing left behind', async () => {
    const fault: Fault = { at: 'write', code: 'ENOSPC', times: Infinity, afterBytes: 3_000_000 };
    const { manager, previousBytes, calls } = await withPrevious([fault]);
    await expect(manager.save(stateFor(200, 1_000_000))).rejects.toMatchObject({
      code: 'CKPT_WRITE_FAILED',
      details: { errno: 'ENOSPC' },
    });
    expect(calls.write).toBeGreaterThan(2);
    await expectPreviousIntact(previousBytes);
  });

  it('a failure that clears on retry: saved on the second attempt, warned once', async () => {
    const { manager, logger } = await withPrevious([{ at: 'write', code: 'ENOSPC', times: 1 }]);
    const result = await manager.save(stateFor(200));
    expect(result.attempts).toBe(2);
    expect(logger.records.filter((r) => r.level === 'warn')).toHaveLength(1);
    expect(await readdir(dir)).toEqual([checkpointFileName(200)]);
    expect((await manager.loadLatest()).state.gamesCompleted).toBe(200);
  });

  it('a directory fsync that fails is a failed save, though the file itself is whole', async () => {
    const { manager } = await withPrevious([{ at: 'syncDir', code: 'EIO', times: Infinity }]);
    await expect(manager.save(stateFor(200))).rejects.toMatchObject({
      code: 'CKPT_WRITE_FAILED',
      details: { errno: 'EIO' },
    });
    // Renamed but not known durable: never a partial file, and retention did not run.
    expect((await readdir(dir)).sort()).toEqual([checkpointFileName(100), checkpointFileName(200)]);
    expect((await manager.verify(checkpointFileName(200))).ok).toBe(true);
  });

  it('short writes are completed, not mistaken for success or failure', async () => {
    const { manager } = await withPrevious([], { shortWrites: true });
    const result = await manager.save(stateFor(200, 20_000));
    expect(result.attempts).toBe(1);
    expect((await manager.verify(result.path)).ok).toBe(true);
  });

  it('the one-shot writer reports its single failure with the code too', async () => {
    const { fs } = faultyFs([{ at: 'rename', code: 'EACCES', times: Infinity }]);
    await expect(
      writeCheckpointFile(join(dir, 'one.prsm'), stateFor(1), { fs }),
    ).rejects.toMatchObject({
      code: 'CKPT_WRITE_FAILED',
      details: { errno: 'EACCES', attempts: 1 },
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('a directory that cannot be created is reported with its code', async () => {
    const blocked = join(dir, 'file');
    await writeCheckpointFile(blocked, stateFor(1));
    await expect(CheckpointManager.open(join(blocked, 'sub'))).rejects.toMatchObject({
      code: 'CKPT_WRITE_FAILED',
      details: { errno: 'ENOTDIR' },
    });
  });
});
