import { TRAINING_STAGES } from '@prismind/trainer';
import { checkpointFileName } from '@prismind/checkpoint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/fixtures';
import { bufferedIO } from '../io';
import { runCli } from '../main';
import { trainCommand } from './train';

const tmp = tempDir();
const run = join(tmp.dir, 'run');
const ckpt = (games: number) => join(run, 'checkpoints', checkpointFileName(games));

beforeAll(async () => {
  const io = bufferedIO();
  const code = await trainCommand(
    {
      runDir: run,
      games: 100,
      backend: 'js',
      seed: 5,
      checkpointInterval: 50,
      callbackInterval: 50,
      storeGamesEvery: 25,
      handleSignals: false,
    },
    io,
  );
  expect(code, io.err()).toBe(0);
});
afterAll(() => tmp.remove());

async function cli(...argv: string[]) {
  const io = bufferedIO();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('debug subcommands over @prismind/debug', () => {
  it('board draws a position from moves or OBF, marks squares, writes SVG', async () => {
    const r = await cli('debug', 'board', '--moves', 'f5d6', '--highlight', 'a1,h8');
    expect(r.code).toBe(0);
    expect(r.out).toContain('a b c d e f g h');
    expect(r.out).toMatch(/OBF: [XO-]{64} X/);
    const obf = /OBF: (.*)/.exec(r.out)![1]!;
    const again = await cli('debug', 'board', `--obf=${obf}`); // '=': the line starts with '-'
    expect(again.out).toContain(`OBF: ${obf}`);
    const svg = join(tmp.dir, 'b.svg');
    expect((await cli('debug', 'board', '--svg', svg)).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toContain('<svg');
    const bad = await cli('debug', 'board', '--moves', 'f5f5');
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/move 2: .*legal moves:/);
  });

  it('pattern shows squares, digits, index and weights by stage', async () => {
    const r = await cli('debug', 'pattern', '--checkpoint', run, '--pattern', '0', '--moves', 'f5');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^feature 0: corner3x3 \(shape 0\) instance 0/);
    expect(r.out).toMatch(/digits [012]{9} {2}index \d+/);
    // the run was trained with the trainer's default stage count
    expect(r.out).toMatch(new RegExp(`by stage: (-?\\d+\\.\\d\\d ?){${TRAINING_STAGES}}`));
    const shape = await cli(
      'debug',
      'pattern',
      '--checkpoint',
      ckpt(50),
      '--pattern',
      'edge2x',
      '--json',
    );
    expect(JSON.parse(shape.out).length).toBe(4);
    const bad = await cli('debug', 'pattern', '--checkpoint', run, '--pattern', '99');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/pattern 99 does not exist/);
  });

  it('trace: a position alone and inside a game', async () => {
    const alone = await cli('debug', 'trace', '--checkpoint', run, '--moves', 'f5d6c3');
    expect(alone.code).toBe(0);
    expect(alone.out).toMatch(/^stage \d+, value [+-]\d+\.\d{3} \(black's view/);
    expect(alone.out.trim().split('\n')).toHaveLength(2 + 46);
    const game = await cli(
      'debug',
      'trace',
      '--checkpoint',
      run,
      '--moves',
      'f5d6c3d3c4',
      '--at',
      '1',
      '--json',
    );
    const trace = JSON.parse(game.out);
    expect(trace).toMatchObject({ at: 1, plies: 5, lambda: 0.7, finished: false });
    expect(trace.features).toHaveLength(46);
  });

  it('compare (debug and checkpoint) reports what changed between two checkpoints', async () => {
    for (const group of ['debug', 'checkpoint']) {
      const r = await cli(group, 'compare', ckpt(50), ckpt(100), '--top', '3');
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(
        new RegExp(`^games 50 -> 100 \\(\\+50\\), Adam steps \\+\\d+, ${TRAINING_STAGES} stages`),
      );
      expect(r.out).toMatch(/changed [\d,]+ of [\d,]+ weights/);
      expect(r.out).toContain('the 3 blocks that moved most');
    }
    const json = JSON.parse((await cli('debug', 'compare', ckpt(50), run, '--json')).out);
    expect(json.gamesBetween).toBe(50);
  });

  it('replay goes through a game with the engine', async () => {
    const r = await cli(
      'debug',
      'replay',
      '--checkpoint',
      run,
      '--moves',
      'f5d6c3d3',
      '--depth',
      '1',
      '--backend',
      'js',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^ 1\. X f5 {2}eval/m);
    expect(r.out).toMatch(/4 moves at depth 1: \d+\.\d% agree with the engine/);
  });

  it("replay --game replays one of the run's stored games", async () => {
    const args = ['debug', 'replay', '--run-dir', run, '--depth', '1', '--backend', 'js'];
    const r = await cli(...args, '--game', '50', '--json');
    expect(r.code, r.err).toBe(0);
    const replay = JSON.parse(r.out) as { finished: boolean; plies: unknown[] };
    expect(replay.finished).toBe(true);
    expect(replay.plies.length).toBeGreaterThan(50);
    const missing = await cli(...args, '--game', '51');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/stores no game 51; 4 stored games, the last: 0, 25, 50, 75/);
  });

  it('export-csv writes weights, metrics and errors', async () => {
    const weights = join(tmp.dir, 'w.csv');
    const r = await cli(
      'debug',
      'export-csv',
      '--checkpoint',
      ckpt(100),
      '--kind',
      'weights',
      '--out',
      weights,
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /^wrote [\d,]+ weights rows to .*w\.csv \(stage,shape,pattern,index,weight,adam_m,adam_v\)/,
    );
    expect(readFileSync(weights, 'utf8').split('\n')[0]).toBe(
      'stage,shape,pattern,index,weight,adam_m,adam_v',
    );
    const metrics = join(tmp.dir, 'm.csv');
    const m = await cli(
      'debug',
      'export-csv',
      '--run-dir',
      run,
      '--kind',
      'metrics',
      '--out',
      metrics,
    );
    expect(m.code, m.err).toBe(0);
    expect(m.out).toMatch(/^wrote [1-9][\d,]* metrics rows/);
    const bad = await cli(
      'debug',
      'export-csv',
      '--run-dir',
      run,
      '--kind',
      'pictures',
      '--out',
      metrics,
    );
    expect(bad.code).toBe(2);
  });

  it('anomalies and errors', async () => {
    const none = await cli('debug', 'anomalies', '--checkpoint', run, '--threshold', '1e9');
    expect(none.code).toBe(0);
    expect(none.out).toMatch(/^0 weights with \|w\| > 1000000000 or not finite/);
    const some = JSON.parse(
      (
        await cli(
          'debug',
          'anomalies',
          '--checkpoint',
          run,
          '--threshold',
          '0',
          '--limit',
          '5',
          '--json',
        )
      ).out,
    );
    expect(some.count).toBe(5);
    const errors = await cli('debug', 'errors', '--run-dir', run);
    expect(errors.code).toBe(0);
    expect(errors.out).toMatch(/train\.jsonl: \d+ lines \(0 unparsable\), \d+ warnings and errors/);
    const missing = await cli('debug', 'errors', '--run-dir', join(tmp.dir, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no such run directory/);
    const noModel = await cli('debug', 'anomalies');
    expect(noModel.code).toBe(2);
    expect(noModel.err).toMatch(/--checkpoint: give a checkpoint/);
  });
});
