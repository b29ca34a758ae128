import { checkpointFileName, writeCheckpointFile } from '@prismind/checkpoint';
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/fixtures';
import { bufferedIO } from '../io';
import { runCli } from '../main';
import { trainCommand } from './train';

/**
 * A run whose newest checkpoint is damaged (truncated, bit-flipped) or foreign (a valid .prsm that
 * is not a trainer model), or whose status.json / manifest.json is broken: every command that
 * takes the run loads the previous valid checkpoint and says what it skipped.
 */
const tmp = tempDir();
const base = join(tmp.dir, 'base');
const ckptIn = (run: string, games: number) => join(run, 'checkpoints', checkpointFileName(games));

beforeAll(async () => {
  const io = bufferedIO();
  const code = await trainCommand(
    {
      runDir: base,
      games: 100,
      backend: 'js',
      seed: 9,
      checkpointInterval: 50,
      callbackInterval: 50,
      handleSignals: false,
    },
    io,
  );
  expect(code, io.err()).toBe(0);
});
afterAll(() => tmp.remove());

async function cli(argv: string[], input?: string) {
  const io = bufferedIO();
  if (input !== undefined) io.input.end(input);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

let copies = 0;
/** A copy of the trained run, its newest checkpoint (100 games) damaged by `damage`. */
function runWith(damage: (newest: string) => void | Promise<void>): Promise<string> {
  const run = join(tmp.dir, `run-${copies++}`);
  cpSync(base, run, { recursive: true });
  return Promise.resolve(damage(ckptIn(run, 100))).then(() => run);
}

const DAMAGES: [string, (newest: string) => void | Promise<void>, RegExp][] = [
  ['truncated', (p) => truncateSync(p, statSync(p).size - 100), /CKPT_TRUNCATED/],
  [
    'bit-flipped',
    (p) => {
      const bytes = readFileSync(p);
      bytes[bytes.length - 7]! ^= 0x10;
      writeFileSync(p, bytes);
    },
    /CKPT_CRC_MISMATCH/,
  ],
  [
    'foreign',
    (p) =>
      writeCheckpointFile(p, {
        gamesCompleted: 100,
        metadata: { format: 'not-prismind' },
        sections: { weights: new Float32Array(1 << 18) },
      }).then(() => undefined),
    /CKPT_FOREIGN .*not a trainer checkpoint/,
  ],
];

describe.each(DAMAGES)('a run whose newest checkpoint is %s', (_name, damage, why) => {
  let run = '';
  beforeAll(async () => {
    run = await runWith(damage);
  });

  const skippedLine = () => new RegExp(`skipped .*${checkpointFileName(100)}: ${why.source}`);

  it('evaluate RUN_DIR plays the previous valid checkpoint and says which it skipped', async () => {
    const r = await cli([
      'evaluate',
      run,
      '--games',
      '2',
      '--depth',
      '1',
      '--backend',
      'js',
      '--openings',
      '1',
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(skippedLine());
    const report = JSON.parse(r.out);
    expect(report.checkpoint).toBe(ckptIn(run, 50));
    expect(report.modelGames).toBe(50);
    expect(report.skipped).toEqual([
      expect.objectContaining({ path: ckptIn(run, 100), code: expect.stringMatching(/^CKPT_/) }),
    ]);
  });

  it('nboard --checkpoint RUN_DIR and play --checkpoint RUN_DIR start from it', async () => {
    const nboard = await cli(['nboard', '--checkpoint', run, '--backend', 'js'], '');
    expect(nboard.code, nboard.err).toBe(0);
    expect(nboard.err).toMatch(skippedLine());
    const play = await cli(['play', '--checkpoint', run, '--backend', 'js', '--depth', '1'], '');
    expect(play.err).toMatch(skippedLine());
    expect(play.out).toContain(ckptIn(run, 50));
  });

  it('debug commands on the run use it', async () => {
    const r = await cli(['debug', 'trace', '--checkpoint', run, '--moves', 'f5']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(skippedLine());
    const anomalies = await cli(['debug', 'anomalies', '--run-dir', run, '--json']);
    expect(anomalies.code, anomalies.err).toBe(0);
    expect(anomalies.err).toMatch(skippedLine());
  });

  it('resume continues from it, and says so with its games count', async () => {
    const r = await cli(['resume', '--run-dir', run, '--games', '120', '--interval', '0']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`resuming ${run} from 50 to 120 games (${ckptIn(run, 50)})`);
    expect(r.err).toMatch(skippedLine());
    expect(r.out).toMatch(/run completed .* at 120 of 120 games/);
  });
});

describe('a run with a damaged status.json or manifest.json', () => {
  it.each([
    ['empty', ''],
    ['garbage', '\u0000\u0001 not json'],
    ['not a status', '{"version":7}'],
  ])('status and resume go on past an %s status.json', async (_name, text) => {
    const run = await runWith(() => undefined);
    writeFileSync(join(run, 'status.json'), text);
    const status = await cli(['status', '--run-dir', run, '--json']);
    expect(status.code, status.err).toBe(0);
    expect(status.err).toMatch(/warning: .*status\.json: .*; ignored/);
    const report = JSON.parse(status.out);
    expect(report.statusFileDamaged).toMatch(/status\.json/);
    expect(report.gamesCompleted).toBe(100);
    expect(report.latestCheckpoint).toMatchObject({ path: ckptIn(run, 100), games: 100 });
    const plain = await cli(['status', '--run-dir', run]);
    expect(plain.out).toMatch(/^status file damaged/);
    const resume = await cli(['resume', '--run-dir', run, '--games', '110', '--interval', '0']);
    expect(resume.code, resume.err).toBe(0);
    expect(resume.out).toContain(`from 100 to 110 games`);
    // the trainer wrote a fresh status.json
    expect(JSON.parse(readFileSync(join(run, 'status.json'), 'utf8'))).toMatchObject({
      version: 1,
      games: 110,
    });
  });

  it('resume rebuilds a broken manifest.json from the checkpoints, with a warning', async () => {
    const run = await runWith(() => undefined);
    writeFileSync(join(run, 'manifest.json'), '{"version": 1, "runId": "r');
    const r = await cli(['resume', '--run-dir', run, '--games', '110', '--interval', '0']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/warning: .*manifest\.json is damaged .*rebuilt from .*ckpt-0+100\.prsm/);
    expect(r.out).toContain('from 100 to 110 games');
    const manifest = JSON.parse(readFileSync(join(run, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ version: 1, seed: 9, games: 110, outcome: 'completed' });
    expect(readdirSync(run).some((n) => n.startsWith('manifest.json.damaged-'))).toBe(true);
  });

  it('a damaged manifest with no usable checkpoint is an error, not a crash', async () => {
    const run = await runWith(() => undefined);
    writeFileSync(join(run, 'manifest.json'), '');
    for (const games of [50, 100]) truncateSync(ckptIn(run, games), 10);
    const r = await cli(['status', '--run-dir', run]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/manifest\.json is damaged .* no checkpoint can rebuild it/);
    expect(existsSync(join(run, 'manifest.json'))).toBe(true);
  });
});
