import { runPaths, writeJsonAtomic } from '@prismind/trainer/run-dir';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import type { SeriesName } from './run-series';
import type { RunSnapshot } from './run-watcher';
import type { SeriesData } from './series';
import { startDashboard } from './server';
import { trainingStatus } from '../test/run-fixture';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const root = mkdtempSync(join(tmpdir(), 'prismind-dashboard-memory-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `count` metrics lines from game `from` on: stats every 100 games, a detailed line every 10,000. */
function burst(from: number, count: number): string {
  let text = '';
  for (let i = 1; i <= count; i++) {
    const games = (from + i) * 100;
    const stats = {
      kind: 'stats',
      time: Date.now(),
      games,
      window: 100,
      avgDiscDiff: Math.sin(games),
      blackWinRate: 0.5,
      whiteWinRate: 0.45,
      drawRate: 0.05,
      gamesPerSecond: 5000 + (games % 977),
    };
    text += `${JSON.stringify(stats)}\n`;
    if (games % 10_000 === 0) {
      const memory = { rss: 200e6, heapUsed: 50e6, budgetBytes: 600e6 };
      text += `${JSON.stringify({ ...stats, kind: 'detailed', details: { convergence: { movingAvgTdError: 3 }, memory } })}\n`;
    }
  }
  return text;
}

const heapAfterGc = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe('a long run', () => {
  it('keeps the server up and its memory flat while 200,000 metrics lines come in bursts', async () => {
    const runDir = join(root, 'run');
    const paths = runPaths(runDir);
    mkdirSync(runDir);
    writeJsonAtomic(paths.status, trainingStatus());
    const server = await startDashboard({ runDir, watch: { pollMs: 10, seriesEveryMs: 0 } });
    const events = await fetch(`${server.url}api/events`);
    const reader = events.body!.getReader();
    let received = 0;
    const draining = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += value.length;
      }
    })();
    const BURSTS = 100;
    const LINES = 2_000;
    let baseline = 0;
    try {
      for (let b = 0; b < BURSTS; b++) {
        appendFileSync(paths.metrics, burst(b * LINES, LINES));
        writeJsonAtomic(paths.status, trainingStatus({ games: (b + 1) * LINES * 100 }));
        const expected = (b + 1) * LINES * 1.01;
        while (server.watcher.series.lines < expected) await new Promise((r) => setTimeout(r, 5));
        if (b === 9) baseline = heapAfterGc();
      }
      const after = heapAfterGc();
      expect(server.watcher.series.lines).toBe(BURSTS * LINES * 1.01);
      // Bounded: growth from the 20,000th line to the 200,000th is a few MB at most, not the
      // ~30 MB the lines themselves take.
      expect(after - baseline).toBeLessThan(8 * 1024 * 1024);
      const series = (await (await fetch(`${server.url}api/series`)).json()) as Record<
        SeriesName,
        SeriesData
      >;
      expect(series.discDiff.points).toBe(BURSTS * LINES);
      expect(series.discDiff.x.length).toBeLessThanOrEqual(512);
      expect(series.tdError.points).toBe((BURSTS * LINES) / 100);
      const state = (await (await fetch(`${server.url}api/state`)).json()) as RunSnapshot;
      expect(state.status?.games).toBe(BURSTS * LINES * 100);
      expect(state.memory?.rss).toBe(200e6);
      expect(received).toBeGreaterThan(0);
    } finally {
      await reader.cancel();
      await draining.catch(() => {});
      await server.close();
    }
  });
});
