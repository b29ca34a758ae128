import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runPaths } from '@prismind/trainer/run-dir';

/** Test data (not exported): a run directory with metrics and a log like a real run writes. */

export const METRICS_LINES: readonly object[] = [
  { kind: 'stats', time: 1000, games: 100, avgDiscDiff: 1.5, winRates: { black: 0.5, white: 0.4 } },
  {
    kind: 'checkpoint',
    time: 2000,
    games: 200,
    path: 'runs/r1/checkpoints/ckpt-000000000200.prsm',
  },
  { kind: 'stats', time: 3000, games: 300, avgDiscDiff: -0.25, note: 'a "quoted", comma' },
];

export const LOG_LINES: readonly string[] = [
  JSON.stringify({ level: 30, time: 1000, msg: 'training started' }),
  JSON.stringify({
    level: 40,
    time: 1100,
    event: 'game_failed',
    msg: 'game 12 failed (panic): boom; skipped',
  }),
  JSON.stringify({
    level: 40,
    time: 1200,
    event: 'game_failed',
    msg: 'game 13 failed (panic): boom; skipped',
  }),
  JSON.stringify({
    level: 50,
    time: 1300,
    msg: 'checkpoint save at 200 games failed',
    err: { type: 'Error', message: 'ENOSPC: no space left' },
  }),
  JSON.stringify({
    level: 30,
    time: 1400,
    msg: 'worker restarted, attempt 1',
    error: 'worker exited with code 1',
  }),
  JSON.stringify({
    level: 30,
    time: 1500,
    msg: 'worker restarted, attempt 2',
    error: 'worker exited with code 1',
  }),
  JSON.stringify({ level: 60, time: 1600, msg: 'fatal: out of memory' }),
  '{"level":50,"time":17',
];

export async function writeRunFixture(runDir: string): Promise<void> {
  const paths = runPaths(runDir);
  await mkdir(dirname(paths.log), { recursive: true });
  await writeFile(paths.metrics, `${METRICS_LINES.map((l) => JSON.stringify(l)).join('\n')}\n`);
  await writeFile(paths.log, `${LOG_LINES.join('\n')}\n`);
}
