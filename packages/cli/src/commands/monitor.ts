import { resolve } from 'node:path';
import { CliError, EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { readRunStatus } from '@prismind/trainer/run-dir';
import { requireDirectory } from '../run-dir';
import { int } from '../view/format';
import { type MetricsLine, MetricsFollower } from '../view/metrics-follower';
import { liveLines, type ProgressSnapshot, ProgressDisplay } from '../view/progress';

export interface MonitorArgs {
  runDir: string;
  /** Print one snapshot and exit (for scripts and tests). */
  once?: boolean | undefined;
  /** Seconds between looks at the files. Default 1. */
  interval?: number | undefined;
  /** Seconds to wait for a run to appear in an empty directory. Default 30. */
  waitStart?: number | undefined;
  /** Print metrics records and status changes as JSON lines. */
  json?: boolean | undefined;
}

const ENDED = new Set(['completed', 'stopped', 'failed']);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function applyMetrics(snapshot: ProgressSnapshot, line: MetricsLine): ProgressSnapshot {
  if (line.kind === 'stats' || line.kind === 'detailed') {
    const n = (key: string) => (typeof line[key] === 'number' ? (line[key] as number) : undefined);
    const etaMs = n('etaMs');
    return {
      ...snapshot,
      avgDiscDiff: n('avgDiscDiff'),
      blackWinRate: n('blackWinRate'),
      whiteWinRate: n('whiteWinRate'),
      drawRate: n('drawRate'),
      etaSeconds: etaMs === undefined ? snapshot.etaSeconds : etaMs / 1000,
    };
  }
  return snapshot;
}

/**
 * `prismind-cli monitor`: follows a run's status.json and metrics.jsonl (whatever process trains
 * it) with the live view, until the run ends, its process dies, or Ctrl-C.
 */
export async function monitorCommand(args: MonitorArgs, io: CliIO): Promise<number> {
  const runDir = resolve(args.runDir);
  requireDirectory(args.runDir);
  const intervalMs = Math.max(50, (args.interval ?? 1) * 1000);
  let stop = false;
  const removeInterrupt = io.onInterrupt?.(() => {
    stop = true;
  });
  try {
    let status = readRunStatus(runDir);
    const deadline = Date.now() + (args.waitStart ?? 30) * 1000;
    while (status === null && !args.once && !stop && Date.now() < deadline) {
      await sleep(intervalMs);
      status = readRunStatus(runDir);
    }
    if (status === null) {
      throw new CliError('NOT_FOUND', `${args.runDir}: no status.json (no run has started here)`);
    }
    const follower = new MetricsFollower(runDir);
    const display = new ProgressDisplay(io.stdout, { live: args.once ? false : undefined });
    let snapshot: ProgressSnapshot = { games: 0, runId: status.runId };
    let lastState = '';
    for (;;) {
      for (const line of follower.read()) {
        if (args.json) println(io.stdout, JSON.stringify({ type: 'metrics', ...line }));
        snapshot = applyMetrics(snapshot, line);
      }
      snapshot = {
        ...snapshot,
        state: status.state,
        games: status.games,
        targetGames: status.targetGames,
        gamesPerSecond: status.state === 'training' ? status.gamesPerSecond : null,
        elapsedSeconds: status.elapsedSeconds,
        backend: status.backend,
        errors: status.errors.count,
        lastCheckpoint: status.latestCheckpoint,
      };
      if (args.json) {
        if (status.state !== lastState || args.once) {
          println(io.stdout, JSON.stringify({ type: 'status', ...status }));
        }
      } else if (args.once) {
        for (const line of liveLines(snapshot, io.stdout.columns ?? 80)) println(io.stdout, line);
      } else {
        if (lastState !== '' && status.state !== lastState) {
          display.note(`${status.state} at ${int(status.games)} games`);
        }
        display.update(snapshot, status.state !== lastState);
      }
      lastState = status.state;
      if (args.once) return EXIT.OK;
      if (ENDED.has(status.state)) {
        display.close();
        if (!args.json) println(io.stdout, `run ${status.state} at ${int(status.games)} games`);
        return status.state === 'failed' ? EXIT.FAILURE : EXIT.OK;
      }
      if (!status.live) {
        display.close();
        throw new CliError(
          'FAILED',
          `trainer process ${status.pid} is no longer running (run ${status.state} at ${int(status.games)} games, interrupted)`,
        );
      }
      await sleep(intervalMs);
      if (stop) {
        display.close();
        return EXIT.OK;
      }
      status = readRunStatus(runDir) ?? status;
    }
  } finally {
    removeInterrupt?.();
  }
}
