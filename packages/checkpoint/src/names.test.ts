import { describe, expect, it } from 'vitest';
import {
  checkpointFileName,
  parseCheckpointFileName,
  parseTempFileName,
  tempPathFor,
} from './names';

describe('checkpoint file names', () => {
  it('zero-pads games to 12 digits so names sort in games order', () => {
    expect(checkpointFileName(10_000)).toBe('ckpt-000000010000.prsm');
    const games = [0, 9, 10, 99, 100, 10_000, 999_999_999_999];
    const names = games.map(checkpointFileName);
    expect([...names].sort()).toEqual(names);
  });

  it('parses back what it writes, and nothing else', () => {
    for (const games of [0, 1, 123_456, 2 ** 53 - 1]) {
      expect(parseCheckpointFileName(checkpointFileName(games))).toBe(games);
    }
    for (const name of ['ckpt-1.prsm', 'ckpt-000000000001.prsm.bak', 'x-000000000001.prsm', '']) {
      expect(parseCheckpointFileName(name)).toBeUndefined();
    }
  });

  it('temp names can never be taken for checkpoints, and carry the writer pid', () => {
    const temp = tempPathFor('/runs/a/checkpoints/ckpt-000000000042.prsm');
    const name = temp.split('/').pop()!;
    expect(name.startsWith('.ckpt-000000000042.prsm.tmp-')).toBe(true);
    expect(parseCheckpointFileName(name)).toBeUndefined();
    expect(parseTempFileName(name)).toEqual({
      pid: process.pid,
      target: 'ckpt-000000000042.prsm',
    });
    expect(parseTempFileName('ckpt-000000000042.prsm')).toBeUndefined();
    expect(tempPathFor('/d/ckpt-000000000001.prsm')).not.toBe(
      tempPathFor('/d/ckpt-000000000001.prsm'),
    );
  });
});
