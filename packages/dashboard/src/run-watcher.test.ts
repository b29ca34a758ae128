import { writeJsonAtomic } from '@prismind/trainer/run-dir';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainingStatus } from '../test/run-fixture';
import { RunWatcher } from './run-watcher';

const dir = mkdtempSync(join(tmpdir(), 'prismind-watcher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RunWatcher', () => {
  it("reads a live trainer's memory from its process on this machine", () => {
    writeJsonAtomic(join(dir, 'status.json'), trainingStatus({ hostname: hostname(), games: 500 }));
    const memory = new RunWatcher(dir).snapshot.memory;
    if (process.platform !== 'linux') return; // no /proc: the metrics are the only source
    expect(memory?.source).toBe('process');
    const rss = process.memoryUsage().rss;
    expect(memory?.rss).toBeGreaterThan(rss / 2);
    expect(memory?.rss).toBeLessThan(rss * 2);
  });

  it('tells state changes and leaves a dead or remote trainer to its metrics', () => {
    writeJsonAtomic(join(dir, 'status.json'), trainingStatus({ games: 500 }));
    const watcher = new RunWatcher(dir);
    expect(watcher.snapshot.memory).toBeNull();
    const heard: string[] = [];
    watcher.onChange((kind) => heard.push(kind));
    watcher.poll();
    expect(heard).toEqual([]);
    writeJsonAtomic(join(dir, 'status.json'), trainingStatus({ games: 600 }));
    watcher.poll();
    expect(heard).toEqual(['state']);
    expect(watcher.snapshot.status?.games).toBe(600);
  });
});
