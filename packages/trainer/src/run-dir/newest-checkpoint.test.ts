import { WEIGHTS_PER_STAGE } from '@prismind/board';
import { PATTERN_SET_ID } from '@prismind/board/contracts';
import { checkpointFileName, CheckpointManager, writeCheckpointFile } from '@prismind/checkpoint';
import { mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/run-dir';
import { toCheckpointState } from '../manager/model-checkpoint';
import { manifestFromCheckpoint, readOrRebuildManifest } from './manifest-rebuild';
import { CHECKPOINT_DIR, MANIFEST_FILE } from './names';
import { describeSkipped, loadModelFrom, loadNewestModel } from './newest-checkpoint';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  mkdirSync(join(dir, CHECKPOINT_DIR));
});
afterEach(() => cleanup());

const ckpt = (games: number) => join(dir, CHECKPOINT_DIR, checkpointFileName(games));

async function saveModel(games: number): Promise<void> {
  const n = WEIGHTS_PER_STAGE;
  const state = toCheckpointState(
    {
      patternSet: PATTERN_SET_ID,
      stages: 1,
      weights: new Float32Array(n).fill(games),
      adamM: new Float32Array(n),
      adamV: new Float32Array(n),
      step: games,
      beta1Power: 0.9,
      beta2Power: 0.999,
      games,
    },
    {
      run: {
        runId: 'r',
        seed: 4,
        backend: 'js',
        settings: {
          targetGames: 1000,
          checkpointInterval: 10,
          callbackInterval: 10,
          search: { depth: 1, exactEmpties: 0 },
          epsilon: 0.1,
          lambda: 0.7,
          learningRate: 0.005,
        },
      },
      monitors: { convergence: null, errors: null },
      training: { elapsedMs: 0, weightResets: 0 },
    },
  );
  await (await CheckpointManager.open(join(dir, CHECKPOINT_DIR))).save(state);
}

/** A valid .prsm that is not a trainer model, declaring a big section. */
function saveForeign(games: number): Promise<unknown> {
  return writeCheckpointFile(
    ckpt(games),
    {
      gamesCompleted: games,
      metadata: { format: 'elsewhere' },
      sections: { weights: new Float32Array(4 * 1024 ** 2) },
    },
    { compress: true },
  );
}

describe('loadNewestModel', () => {
  it('skips damaged and foreign newer files, newest first, and says why', async () => {
    await saveModel(10);
    await saveModel(20);
    await saveModel(30);
    truncateSync(ckpt(30), 200);
    const bytes = readFileSync(ckpt(20));
    bytes[bytes.length - 3]! ^= 1;
    writeFileSync(ckpt(20), bytes);
    await saveForeign(40);
    const loaded = await loadNewestModel(dir);
    expect(loaded.path).toBe(ckpt(10));
    expect(loaded.model.games).toBe(10);
    expect(loaded.model.weights[0]).toBe(10);
    expect(loaded.skipped.map((s) => [s.path, s.code])).toEqual([
      [ckpt(40), 'CKPT_FOREIGN'],
      [ckpt(30), 'CKPT_TRUNCATED'],
      [ckpt(20), 'CKPT_CRC_MISMATCH'],
    ]);
    expect(describeSkipped(loaded.skipped.slice(1, 2))).toEqual([
      `skipped ${ckpt(30)}: CKPT_TRUNCATED (file is 200 bytes, header declares ${loaded.skipped[1]!.message.match(/declares (\d+)/)![1]})`,
    ]);
    // the same from the checkpoints folder itself
    expect((await loadNewestModel(join(dir, CHECKPOINT_DIR))).path).toBe(ckpt(10));
  });

  it('refuses a foreign file by its prefix, without inflating its 16 MiB section', async () => {
    await saveForeign(40);
    const before = process.memoryUsage().arrayBuffers;
    await expect(loadModelFrom(ckpt(40))).rejects.toMatchObject({
      code: 'CKPT_FOREIGN',
      message: expect.stringContaining('not a trainer checkpoint'),
    });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 * 1024 ** 2);
  });

  it('rejects with CKPT_NOT_FOUND listing every file when none loads', async () => {
    await saveForeign(5);
    await expect(loadNewestModel(dir)).rejects.toMatchObject({
      code: 'CKPT_NOT_FOUND',
      details: { skipped: [expect.objectContaining({ code: 'CKPT_FOREIGN' })] },
    });
  });
});

describe('readOrRebuildManifest', () => {
  it('rebuilds a damaged manifest from the newest valid checkpoint, keeping the damaged file', async () => {
    await saveModel(10);
    await saveModel(20);
    truncateSync(ckpt(20), 100);
    writeFileSync(join(dir, MANIFEST_FILE), '{"version":1,');
    const read = await readOrRebuildManifest(dir, { keepDamaged: true });
    expect(read.rebuilt).toMatch(
      /manifest\.json is damaged .* rebuilt from .*10\.prsm \(10 games\)/,
    );
    expect(read.manifest).toMatchObject({
      version: 1,
      runId: 'r',
      seed: 4,
      stages: 1,
      games: 10,
      outcome: 'interrupted',
      settings: { targetGames: 1000 },
      sessions: [],
    });
    const kept = readdirSync(dir).filter((n) => n.startsWith(`${MANIFEST_FILE}.damaged-`));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!), 'utf8')).toBe('{"version":1,');
  });

  it('reads an intact manifest as is, and a missing one as no run', async () => {
    expect(await readOrRebuildManifest(dir)).toEqual({ manifest: undefined, rebuilt: null });
  });

  it('a manifest that is JSON with wrong field types is damaged too, and rebuilt', async () => {
    await saveModel(10);
    const intact = manifestFromCheckpoint(await loadNewestModel(dir));
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(intact));
    expect(await readOrRebuildManifest(dir)).toEqual({ manifest: intact, rebuilt: null });
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify({ ...intact, seed: 'abc', games: -5 }));
    const read = await readOrRebuildManifest(dir);
    expect(read.rebuilt).toMatch(/seed: .*expected number.*games: /);
    expect(read.manifest).toMatchObject({ seed: 4, games: 10 });
  });

  it('without keepDamaged (a reader) leaves the directory as it is', async () => {
    await saveModel(10);
    writeFileSync(join(dir, MANIFEST_FILE), '');
    expect((await readOrRebuildManifest(dir)).manifest?.games).toBe(10);
    expect(readdirSync(dir).sort()).toEqual([CHECKPOINT_DIR, MANIFEST_FILE]);
  });
});
