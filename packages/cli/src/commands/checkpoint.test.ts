import { checkpointFileName } from '@prismind/checkpoint';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeModelCheckpoint } from '../../test/support/fixtures';
import { bufferedIO } from '../io';
import { runCli } from '../main';

const tmp = tempDir();
const run = join(tmp.dir, 'run');
const ckpts = join(run, 'checkpoints');

beforeAll(async () => {
  mkdirSync(ckpts, { recursive: true });
  for (const games of [1000, 2000, 3000, 4000]) {
    await writeModelCheckpoint(join(ckpts, checkpointFileName(games)), { games });
  }
});
afterAll(() => tmp.remove());

async function cli(...argv: string[]) {
  const io = bufferedIO();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('checkpoint commands', () => {
  it('list shows every checkpoint of a run directory', async () => {
    const r = await cli('checkpoint', 'list', run);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^file\s+games\s+saved\s+size\s+compressed\s+header$/);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatch(/^ckpt-000000004000\.prsm\s+4,000\s+\S+\s+\d+\.\d MiB\s+no\s+ok$/);
    const json = JSON.parse((await cli('checkpoint', 'list', ckpts, '--json')).out);
    expect(json.checkpoints.map((c: { gamesCompleted: number }) => c.gamesCompleted)).toEqual([
      1000, 2000, 3000, 4000,
    ]);
  });

  it('verify passes a valid trainer checkpoint (exit 0) and describes it', async () => {
    const path = join(ckpts, checkpointFileName(1000));
    const r = await cli('checkpoint', 'verify', path);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: .*: format v1, 1,000 games/);
    expect(r.out).toContain('model: 30 stages');
    expect(r.out).toContain('section weights: f32');
    const json = JSON.parse((await cli('checkpoint', 'verify', path, '--json')).out);
    expect(json).toMatchObject({
      ok: true,
      gamesCompleted: 1000,
      model: { stages: 30, nonFinite: 0 },
    });
  });

  it('verify fails (exit 1) on a flipped byte, a truncated file and NaN weights', async () => {
    const good = readFileSync(join(ckpts, checkpointFileName(1000)));
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100]! ^= 0xff;
    writeFileSync(join(tmp.dir, 'flipped.prsm'), flipped);
    writeFileSync(join(tmp.dir, 'short.prsm'), good.subarray(0, good.length - 10));
    await writeModelCheckpoint(join(tmp.dir, 'nan.prsm'), {
      fill: (w) => {
        w[5] = Number.NaN;
      },
    });
    for (const [name, code] of [
      ['flipped.prsm', 'CKPT_CRC_MISMATCH'],
      ['short.prsm', 'CKPT_TRUNCATED'],
      ['nan.prsm', 'NON_FINITE'],
    ] as const) {
      const r = await cli('checkpoint', 'verify', join(tmp.dir, name));
      expect(r.code, name).toBe(1);
      expect(r.err).toContain(`invalid checkpoint (${code})`);
      const json = await cli('checkpoint', 'verify', join(tmp.dir, name), '--json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.out)).toMatchObject({ ok: false, code });
    }
  });

  it('prune --dry-run says what would go; prune deletes all but the newest N', async () => {
    const dry = await cli('checkpoint', 'prune', run, '--keep', '2', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('would delete 2, kept 2');
    expect(readdirSync(ckpts)).toHaveLength(4);
    const real = await cli('checkpoint', 'prune', run, '--keep', '2', '--keep-every', '1000000');
    expect(real.code).toBe(0);
    expect(real.out).toContain('deleted 2, kept 2');
    expect(readdirSync(ckpts).sort()).toEqual([checkpointFileName(3000), checkpointFileName(4000)]);
  });

  it('list and prune of a missing directory: exit 1', async () => {
    for (const command of ['list', 'prune']) {
      const r = await cli('checkpoint', command, join(tmp.dir, 'nothing'), '--keep', '1');
      if (command === 'list') expect(r.code).toBe(2); // --keep is prune's
      const again =
        command === 'list' ? await cli('checkpoint', 'list', join(tmp.dir, 'nothing')) : r;
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/nothing: no such directory/);
    }
  });
});
