import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WEIGHTS_PER_STAGE } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import { csvField } from './csv';
import { exportCsv } from './export-csv';
import { writeRunFixture } from './run-fixture';
import { parseCsv, smallState, tempDir } from './test-support';

async function readCsv(path: string): Promise<string[][]> {
  return parseCsv(await readFile(path, 'utf8'));
}

describe('csvField', () => {
  it('quotes only what needs it', () => {
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField([1, 2])).toBe('"[1,2]"');
  });
});

describe('exportCsv', () => {
  const state = smallState(1);
  state.weights[3] = 0.5;
  state.adamM[3] = 0.125;
  state.adamV[3] = 0.0625;
  state.weights[78732 + 10] = -2; // edge2x index 10
  state.weights[WEIGHTS_PER_STAGE - 1] = 1; // diag4 index 80

  it('weights: the header and one row per non-zero weight', async () => {
    const path = join(await tempDir(), 'w.csv');
    const r = await exportCsv(path, 'weights', { state });
    expect(r.rows).toBe(3);
    const rows = await readCsv(path);
    expect(rows[0]).toEqual(['stage', 'shape', 'pattern', 'index', 'weight', 'adam_m', 'adam_v']);
    expect(rows.slice(1)).toEqual([
      ['0', '0', 'corner3x3', '3', '0.5', '0.125', '0.0625'],
      ['0', '2', 'edge2x', '10', '-2', '0', '0'],
      ['0', '10', 'diag4', '80', '1', '0', '0'],
    ]);
  });

  it('weights: every weight with all (written in several chunks)', async () => {
    const path = join(await tempDir(), 'all.csv');
    const r = await exportCsv(path, 'weights', { state }, { all: true });
    expect(r.rows).toBe(WEIGHTS_PER_STAGE);
    const rows = await readCsv(path);
    expect(rows).toHaveLength(WEIGHTS_PER_STAGE + 1);
    expect(rows.every((row) => row.length === 7)).toBe(true);
    expect(rows.at(-1)).toEqual(['0', '10', 'diag4', '80', '1', '0', '0']);
  });

  it('metrics: every record, nested fields as dotted columns', async () => {
    const dir = await tempDir();
    await writeRunFixture(dir);
    const path = join(dir, 'm.csv');
    const r = await exportCsv(path, 'metrics', { runDir: dir });
    expect(r.rows).toBe(3);
    const rows = await readCsv(path);
    expect(rows[0]).toEqual([
      'kind',
      'time',
      'games',
      'avgDiscDiff',
      'winRates.black',
      'winRates.white',
      'path',
      'note',
    ]);
    expect(rows[1]).toEqual(['stats', '1000', '100', '1.5', '0.5', '0.4', '', '']);
    expect(rows[2]).toEqual([
      'checkpoint',
      '2000',
      '200',
      '',
      '',
      '',
      'runs/r1/checkpoints/ckpt-000000000200.prsm',
      '',
    ]);
    expect(rows[3]).toEqual(['stats', '3000', '300', '-0.25', '', '', '', 'a "quoted", comma']);
  });

  it('errors: one row per error line of the log', async () => {
    const dir = await tempDir();
    await writeRunFixture(dir);
    const path = join(dir, 'e.csv');
    const r = await exportCsv(path, 'errors', { runDir: dir });
    expect(r.rows).toBe(6);
    const rows = await readCsv(path);
    expect(rows[0]).toEqual(['time', 'level', 'level_name', 'event', 'message', 'error']);
    expect(rows[1]).toEqual([
      '1970-01-01T00:00:01.100Z',
      '40',
      'warn',
      'game_failed',
      'game 12 failed (panic): boom; skipped',
      '',
    ]);
    expect(rows[3]![5]).toBe('ENOSPC: no space left');
  });

  it('says what it needs', async () => {
    await expect(exportCsv('x.csv', 'metrics', {})).rejects.toThrow(/run directory/);
    await expect(exportCsv('x.csv', 'weights', {})).rejects.toThrow(/model/);
    await expect(exportCsv('x.csv', 'bogus' as 'weights', {})).rejects.toThrow(
      /expected 'weights'/,
    );
  });
});
