import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TelemetryError } from './errors';
import { MetricsWriter } from './metrics-writer';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'prismind-metrics-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const lines = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('MetricsWriter', () => {
  it('appends one JSON line per record with kind and time first', () => {
    const file = join(dir, 'run', 'metrics.jsonl');
    let now = 100;
    const writer = new MetricsWriter({ file, clock: () => now });
    expect(existsSync(file)).toBe(false); // opened on the first record
    writer.write('stats', { games: 100, avgDiscDiff: 1.5 });
    now = 200;
    writer.write('checkpoint', { games: 200, kind: 'ignored', time: -1, path: 'ckpt-200.prsm' });
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(
      '{"kind":"stats","time":100,"games":100,"avgDiscDiff":1.5}',
    );
    expect(lines(file)[1]).toEqual({
      kind: 'checkpoint',
      time: 200,
      games: 200,
      path: 'ckpt-200.prsm',
    });
    expect(writer.written).toBe(2);
    writer.close();
    expect(() => writer.write('stats')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('appends to an existing file and writes JSON-safe values', () => {
    const file = join(dir, 'metrics.jsonl');
    writeFileSync(file, '{"kind":"old","time":0}\n');
    const writer = new MetricsWriter({ file, clock: () => 1 });
    writer.write('x', { nan: Number.NaN, big: 12n, huge: 2n ** 70n, arr: Float32Array.of(0.5, 2) });
    writer.close();
    expect(lines(file)).toEqual([
      { kind: 'old', time: 0 },
      { kind: 'x', time: 1, nan: null, big: 12, huge: '1180591620717411303424', arr: [0.5, 2] },
    ]);
  });

  it('drops records it cannot write, reports once per run of failures, and recovers', () => {
    const target = join(dir, 'later', 'metrics.jsonl');
    const blocker = join(dir, 'later');
    writeFileSync(blocker, 'a file where the directory should be');
    const errors: TelemetryError[] = [];
    const writer = new MetricsWriter({ file: target, onError: (e) => errors.push(e) });
    expect(writer.write('stats', { games: 1 })).toBe(false);
    expect(writer.write('stats', { games: 2 })).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'IO_FAILED' });
    expect(writer.dropped).toBe(2);
    rmSync(blocker);
    mkdirSync(blocker);
    expect(writer.write('stats', { games: 3 })).toBe(true);
    expect(lines(target).map((l) => l.games)).toEqual([3]);
    writer.close();
  });
});
