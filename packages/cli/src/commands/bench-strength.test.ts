import { DEFAULT_TRAINING_SETTINGS } from '@prismind/trainer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/fixtures';
import { bufferedIO } from '../io';
import { runCli } from '../main';
import { svgElements } from '../view/svg-check';
import { batchOptions } from './bench-strength';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** The arena's small solved set (6 positions at 4..10 empties). */
const FIXTURE = join(import.meta.dirname, '../../../arena/test/fixtures/endgame-small.txt');

async function cli(...argv: string[]) {
  const io = bufferedIO();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const SMALL = ['--backend', 'js', '--endgame-set', FIXTURE, '--gauntlet-openings', '2'];

describe('bench strength', () => {
  it("trains with the trainer's defaults, not the engines' own (ε 0.3, not 0.1)", () => {
    const batch = batchOptions({});
    expect(batch.epsilon).toBe(DEFAULT_TRAINING_SETTINGS.epsilon);
    expect(batch.epsilon).not.toBe(0.1);
    expect(batch.learning?.lambda).toBe(DEFAULT_TRAINING_SETTINGS.lambda);
    expect(batchOptions({ epsilon: 0.05 }).epsilon).toBe(0.05);
  });

  it('trains by games, measures at evenly spaced points, prints JSON and writes the curve', async () => {
    const out = join(tmp.dir, 'out');
    const r = await cli(
      'bench',
      'strength',
      '--games',
      '2000',
      '--points',
      '2',
      '--league-games',
      '200',
      ...SMALL,
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.settings).toMatchObject({
      games: 2000,
      points: 2,
      leagueGames: 200,
      gauntletOpenings: 2,
      seed: 1,
      threads: 1,
      depth: 1,
      epsilon: 0.3,
      lambda: 0.7,
      learningRate: 0.005,
      endgamePositions: 6,
    });
    expect(result.backend).toBe('js');
    expect(result.machine.cpus).toBeGreaterThan(0);
    expect(result.points.map((p: { games: number }) => p.games)).toEqual([1000, 2000]);
    for (const p of result.points) {
      expect(p.league.games).toBe(200);
      expect(p.league.interval.low).toBeLessThanOrEqual(p.league.score);
      expect(p.league.interval.high).toBeGreaterThanOrEqual(p.league.score);
      expect(p.gauntlet).toMatchObject({ depth: 2, games: 4 });
      expect(p.endgame.positions).toBe(6);
      expect(p.endgame.maeByEmpties.map((e: { empties: number }) => e.empties)).toEqual([
        4, 6, 8, 9, 10,
      ]);
      expect(p.seconds).toBeGreaterThan(0);
    }
    const [first, second] = result.points;
    expect(second.trainSeconds).toBeGreaterThan(first.trainSeconds);
    expect(result.totals.games).toBe(2000);
    expect(result.totals.evalSeconds).toBeCloseTo(first.seconds + second.seconds, 3);
    // evaluation time is not training time
    expect(result.totals.wallSeconds).toBeGreaterThanOrEqual(
      result.totals.trainSeconds + result.totals.evalSeconds - 0.01,
    );
    expect(JSON.parse(readFileSync(join(out, 'strength.json'), 'utf8'))).toEqual(result);
    const svg = readFileSync(join(out, 'strength.svg'), 'utf8');
    const elements = svgElements(svg);
    expect(elements.filter((e) => e === 'polyline')).toHaveLength(2);
    expect(elements.filter((e) => e === 'polygon')).toHaveLength(1);
    expect(svg).toContain('>League score (95%)</text>');
    expect(svg).toContain('>Endgame 1-ply best</text>');
  }, 120_000);

  it('trains by minutes: the points split the training time, evaluation excluded', async () => {
    const r = await cli(
      'bench',
      'strength',
      '--minutes',
      '0.04',
      '--points',
      '2',
      '--league-games',
      '10',
      ...SMALL,
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.settings).toMatchObject({ minutes: 0.04, points: 2 });
    expect(result.settings.games).toBeUndefined();
    const [first, second] = result.points;
    // 1.2 s a segment, ended by requestStop (settles within 100 ms); the first pays the workers'
    // start, which on a loaded machine can take all of it.
    expect(first.games).toBeGreaterThanOrEqual(0);
    expect(second.games).toBeGreaterThan(first.games);
    expect(first.trainSeconds).toBeGreaterThan(1.15);
    expect(second.trainSeconds).toBeGreaterThan(2.35);
    expect(second.trainSeconds).toBeLessThan(5);
  }, 120_000);

  it("has its own flags, not bench's", async () => {
    const help = await cli('bench', 'strength', '--help');
    expect(help.out).toContain('--league-games');
    expect(help.out).not.toContain('--quick');
    const bench = await cli('bench', '--help');
    expect(bench.out).toContain('prismind-cli bench strength');
    expect(bench.out).toContain('--quick');
  });

  it('refuses --games with --minutes, and a missing endgame set, before training', async () => {
    const both = await cli('bench', 'strength', '--games', '10', '--minutes', '1', ...SMALL);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/^prismind-cli: .*(games|minutes)/);
    const missing = await cli(
      'bench',
      'strength',
      '--backend',
      'js',
      '--endgame-set',
      join(tmp.dir, 'none.txt'),
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/none\.txt: cannot read the endgame test set/);
  });
});
