import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeModelCheckpoint } from '../test/support/fixtures';
import { bufferedIO } from './io';
import { runCli } from './main';
import { DEFAULT_TRAIN_GAMES } from './commands/train';

const tmp = tempDir();
let model = '';
let corrupt = '';

beforeAll(async () => {
  model = await writeModelCheckpoint(join(tmp.dir, 'model.prsm'));
  corrupt = join(tmp.dir, 'corrupt.prsm');
  writeFileSync(corrupt, Buffer.from('PRSM but not really a checkpoint at all'));
});
afterAll(() => tmp.remove());

async function cli(...argv: string[]) {
  const io = bufferedIO();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** One line on stderr, prefixed, no stack trace. */
function expectOneLine(err: string, pattern: RegExp): void {
  const lines = err.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^prismind-cli: /);
  expect(lines[0]).toMatch(pattern);
  expect(err).not.toMatch(/\n\s+at /);
}

describe('prismind-cli errors a user can cause: one line, non-zero exit', () => {
  const missing = () => join(tmp.dir, 'no-such-run');

  it.each([
    ['status', 'status'],
    ['pause', 'pause'],
    ['stop', 'stop'],
    ['resume', 'resume'],
    ['monitor', 'monitor'],
  ])('%s --run-dir <missing directory>: exit 1', async (_name, command) => {
    const r = await cli(command, '--run-dir', missing(), '--wait-start', '0');
    if (command !== 'monitor') {
      // --wait-start is monitor's; the others refuse it as an unknown flag
      expect(r.code).toBe(2);
      expectOneLine(r.err, /Unknown arguments?: wait-start/);
      const again = await cli(command, '--run-dir', missing());
      expect(again.code).toBe(1);
      expectOneLine(again.err, /no-such-run: no such run directory \[NOT_FOUND\]$/);
    } else {
      expect(r.code).toBe(1);
      expectOneLine(r.err, /no-such-run: no such run directory \[NOT_FOUND\]$/);
    }
  });

  it('a directory that holds no run: exit 1', async () => {
    const r = await cli('status', '--run-dir', tmp.dir);
    expect(r.code).toBe(1);
    expectOneLine(r.err, /not a training run \(no manifest\.json\)/);
  });

  it('a corrupt checkpoint: evaluate, verify, play and nboard exit 1', async () => {
    for (const argv of [
      ['evaluate', corrupt, '--games', '2'],
      ['checkpoint', 'verify', corrupt],
      ['play', '--checkpoint', corrupt],
      ['nboard', '--checkpoint', corrupt],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expectOneLine(r.err, /corrupt\.prsm: (not a valid checkpoint|invalid checkpoint) \(CKPT_/);
    }
  });

  it('a missing checkpoint: exit 1', async () => {
    const r = await cli('evaluate', join(tmp.dir, 'nope.prsm'));
    expect(r.code).toBe(1);
    expectOneLine(r.err, /nope\.prsm: no such file or directory/);
    const v = await cli('checkpoint', 'verify', join(tmp.dir, 'nope.prsm'));
    expect(v.code).toBe(1);
    expectOneLine(v.err, /CKPT_NOT_FOUND/);
  });

  it.each([
    [
      ['train', '--run-dir', 'x', '--threads', 'abc'],
      /--threads: "abc" is not an integer 1\.\.256/,
    ],
    [['train', '--run-dir', 'x', '--games', '0'], /--games: "0" is not an integer/],
    [
      ['train', '--run-dir', 'x', '--backend', 'gpu'],
      /--backend: "gpu" is not one of auto, native, js/,
    ],
    [['train', '--run-dir', 'x', '--epsilon', '1.5'], /--epsilon: "1\.5" is not a number 0\.\.1/],
    [['train', '--run-dir', 'x', '--depth', '0'], /--depth: "0" is not an integer 1\.\.20/],
    [['train', '--run-dir', 'x', '--log-level', 'loud'], /--log-level: "loud" is not one of/],
    [['train'], /Missing required argument: run-dir/],
    [['train', '--run-dir'], /Not enough arguments following: run-dir/],
    [['train', '--run-dir', 'x', '--frobnicate'], /Unknown argument: frobnicate/],
    [['evaluate', 'm.prsm', '--depth', 'deep'], /--depth: "deep" is not an integer/],
    [['evaluate', 'm.prsm', '--sprt', '20,0'], /--sprt: "20,0" is not elo0,elo1 with elo0 < elo1/],
    [['evaluate', 'm.prsm', '--threshold', 'random'], /--threshold: "random" is not name=score/],
    [['checkpoint', 'prune', '.', '--keep', '0'], /--keep: "0" is not an integer/],
    [['bench', '--backend', 'gpu'], /--backend: "gpu" is not one of all, js, native/],
    [
      ['play', '--checkpoint', 'm.prsm', '--color', 'green'],
      /--color: "green": expected black, white or random/,
    ],
    [['frobnicate'], /Unknown argument: frobnicate/],
    [[], /give a command/],
    [['checkpoint'], /Not enough non-option arguments|give a subcommand/],
  ])('bad command line %j: exit 2', async (argv, pattern) => {
    const fixed = argv.map((a) => (a === 'm.prsm' ? model : a));
    const r = await cli(...fixed);
    expect(r.code).toBe(2);
    expectOneLine(r.err, pattern);
  });

  it('an unknown opponent: exit 2 naming it', async () => {
    const r = await cli('evaluate', model, '--opponent', 'stockfish', '--games', '2');
    expect(r.code).toBe(2);
    expectOneLine(
      r.err,
      /--opponent: unknown opponent "stockfish": expected random, greedy, wpc, wpc-textbook or the path of a checkpoint/,
    );
  });

  it('--verbose adds the stack trace', async () => {
    const r = await cli('status', '--run-dir', join(tmp.dir, 'gone'), '--verbose');
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toMatch(/no such run directory/);
    expect(r.err).toMatch(/\n\s+at /);
  });

  it('--help and --version print and exit 0', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const command of [
      'train',
      'resume',
      'pause',
      'stop',
      'status',
      'monitor',
      'evaluate',
      'checkpoint',
      'bench',
      'play',
      'nboard',
    ]) {
      expect(help.out).toContain(`prismind-cli ${command}`);
    }
    const trainHelp = await cli('train', '--help');
    expect(trainHelp.out).toContain('--games');
    expect(trainHelp.out).toContain(`[default: ${DEFAULT_TRAIN_GAMES}]`);
    const version = await cli('--version');
    expect(version.code).toBe(0);
    expect(version.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
