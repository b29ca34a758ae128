import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeModelCheckpoint } from '../../test/support/fixtures';
import { bufferedIO } from '../io';
import { runCli } from '../main';
import { parseSprt, parseThresholds } from './evaluate';

const tmp = tempDir();
let model = '';
let other = '';

beforeAll(async () => {
  model = await writeModelCheckpoint(join(tmp.dir, 'model.prsm'), { games: 10 });
  other = await writeModelCheckpoint(join(tmp.dir, 'other.prsm'), { games: 20 });
});
afterAll(() => tmp.remove());

async function cli(...argv: string[]) {
  const io = bufferedIO();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('evaluate', () => {
  it('parses thresholds and SPRT bounds', () => {
    expect(parseThresholds(['random=0.9', 'wpc=55%', 'ckpt-1= 0.5'])).toEqual({
      random: 0.9,
      wpc: 0.55,
      'ckpt-1': 0.5,
    });
    expect(() => parseThresholds(['wpc=2'])).toThrow(/--threshold/);
    expect(parseSprt('0,20')).toEqual({ elo0: 0, elo1: 20 });
    expect(parseSprt('-10, 15')).toEqual({ elo0: -10, elo1: 15 });
    expect(() => parseSprt('5')).toThrow(/--sprt/);
  });

  it('prints W/D/L, disc difference, 95% intervals, Elo and pass/fail per opponent', async () => {
    const r = await cli('evaluate', model, '--games', '8', '--depth', '1', '--backend', 'js');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = r.out;
    expect(out).toMatch(
      /^model .*model\.prsm \(10 games\), js engine, depth 1, 60 openings x 2 colours, seed 1/,
    );
    for (const name of ['random', 'greedy', 'wpc']) expect(out).toContain(`vs ${name} (`);
    expect(out).toMatch(/W\/D\/L \d+\/\d+\/\d+ {3}score \d+\.\d% \[\d+\.\d%, \d+\.\d%\] \(95%\)/);
    expect(out).toMatch(/mean disc difference [+-]\d+\.\d \[[+-]\d+\.\d, [+-]\d+\.\d\]/);
    expect(out).toMatch(/Elo difference [+-](\d+|inf) \[/);
    expect(out).toMatch(/(PASS|FAIL) \(promotion needs 85\.0%\)/);
    expect(out).toMatch(/(PASS|FAIL) \(promotion needs 60\.0%\)/);
    expect(out).toMatch(/promotion: (PASS|FAIL)/);
  });

  it('plays another checkpoint, applies --threshold, and --strict exits 3 when one is missed', async () => {
    const r = await cli(
      'evaluate',
      model,
      '--opponent',
      other,
      '--opponent',
      'random',
      '--games',
      '4',
      '--depth',
      '1',
      '--threshold',
      'other=1',
      '--backend',
      'js',
      '--strict',
    );
    expect(r.out).toContain('vs other (js engine, search depth 1): 4 games');
    expect(r.out).toMatch(/FAIL \(promotion needs 100\.0%\)/);
    expect(r.out).toContain('promotion: FAIL (missed: other');
    expect(r.code).toBe(3);
  });

  it('--league adds the Othello League score, --sprt the test, --json everything', async () => {
    const r = await cli(
      'evaluate',
      model,
      '--opponent',
      'greedy',
      '--games',
      '6',
      '--depth',
      '1',
      '--league',
      '--league-games',
      '4',
      '--sprt',
      '0,50',
      '--backend',
      'js',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.checkpoint).toBe(model);
    expect(json.matches).toHaveLength(1);
    expect(json.matches[0]).toMatchObject({ opponent: 'greedy', games: expect.any(Number) });
    expect(json.matches[0].sprt).toMatchObject({ elo0: 0, elo1: 50 });
    expect(json.league).toMatchObject({ games: 4 });
    expect(json.openings).toBe(1773); // 6-ply openings with --sprt
    const text = await cli(
      'evaluate',
      model,
      '--opponent',
      'greedy',
      '--games',
      '2',
      '--depth',
      '1',
      '--league',
      '--league-games',
      '2',
      '--sprt',
      '0,50',
      '--backend',
      'js',
    );
    expect(text.out).toMatch(
      /SPRT \[0, 50\] LLR -?\d+\.\d\d in \(-2\.94, 2\.94\): (undecided|H[01] accepted)/,
    );
    expect(text.out).toMatch(
      /Othello League score \d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\] over 2 games.*1-ply vs 1-ply standard WPC/,
    );
  });

  it("'wpc' is the standard heuristic table, 'wpc-textbook' the textbook one", async () => {
    const r = await cli(
      'evaluate',
      model,
      '--opponent',
      'wpc',
      '--opponent',
      'wpc-textbook',
      '--games',
      '2',
      '--depth',
      '1',
      '--backend',
      'js',
    );
    expect(r.err).toBe('');
    expect(r.out).toContain('vs wpc (weighted piece counter (standard table), alpha-beta depth 1)');
    expect(r.out).toContain(
      'vs wpc-textbook (weighted piece counter (textbook table), alpha-beta depth 1)',
    );
  });
});
