import { strengthLine } from '../view/training-view';
import {
  type LoadedModel,
  loadNewestModel,
  type RunManifest,
  type RunStatus,
  type RunStatusReport,
} from '@prismind/trainer/run-dir';
import { resolve } from 'node:path';
import { EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { type RunStatusView, requireRun, runStatus } from '../run-dir';
import { duration, int, pct, rate } from '../view/format';

export interface StatusArgs {
  runDir: string;
  json?: boolean | undefined;
}

/** What `status --json` prints (stable field names for scripts). */
export interface StatusReport {
  runDir: string;
  runId: string;
  /**
   * training | paused | completed | stopped | failed | idle as status.json says, or `interrupted`
   * when it says training/paused but no live process holds the run (killed).
   */
  state: string;
  live: boolean;
  reason: string | null;
  pid: number | null;
  backend: string | null;
  gamesCompleted: number;
  targetGames: number | null;
  gamesPerSecond: number | null;
  elapsedSeconds: number | null;
  errors: { count: number; rate: number } | null;
  latestCheckpoint: { path: string; games: number; savedAt: string } | null;
  heartbeatAgeMs: number | null;
  seed: number;
  startedAt: string;
  endedAt: string | null;
  /** The latest strength measurement and the strongest (with best.prsm's path), when the run measured itself. */
  strength: RunStatus['strength'] | null;
  /** Set when status.json was damaged (it was ignored; the rest comes from manifest and checkpoints). */
  statusFileDamaged: string | null;
}

/**
 * The status of a run from its manifest and status.json; without a usable status.json the latest
 * checkpoint is the newest valid one on disk (`newest`).
 */
export function statusReport(
  runDir: string,
  manifest: RunManifest,
  view: RunStatusView,
  newest: LoadedModel | null = null,
): StatusReport {
  const status: RunStatusReport | null = view.status;
  const active = status !== null && (status.state === 'training' || status.state === 'paused');
  const state =
    status === null
      ? manifest.outcome === 'running'
        ? 'interrupted'
        : manifest.outcome
      : active && !status.live
        ? 'interrupted'
        : status.state;
  return {
    runDir,
    runId: manifest.runId,
    state,
    live: status?.live ?? false,
    reason: status?.reason ?? manifest.outcomeReason ?? null,
    pid: status?.pid ?? null,
    backend: status?.backend ?? manifest.backend.chosen,
    gamesCompleted: status?.games ?? Math.max(manifest.games, newest?.model.games ?? 0),
    targetGames: status?.targetGames ?? manifest.settings.targetGames,
    gamesPerSecond: status?.live ? status.gamesPerSecond : null,
    elapsedSeconds: status?.elapsedSeconds ?? null,
    errors: status?.errors ?? null,
    latestCheckpoint: status?.latestCheckpoint ?? checkpointOf(newest),
    heartbeatAgeMs: status?.heartbeatAgeMs ?? null,
    seed: manifest.seed,
    startedAt: manifest.startedAt,
    endedAt: manifest.endedAt,
    statusFileDamaged: view.damaged,
    strength: status?.strength ?? null,
  };
}

function checkpointOf(newest: LoadedModel | null): StatusReport['latestCheckpoint'] {
  if (newest === null) return null;
  const savedAt = new Date(newest.timestamp).toISOString();
  return { path: newest.path, games: newest.model.games, savedAt };
}

/** The newest valid checkpoint, or null when the run has none (status must not fail on it). */
async function newestOrNull(runDir: string): Promise<LoadedModel | null> {
  try {
    return await loadNewestModel(runDir);
  } catch {
    return null;
  }
}

/** Human lines for a status report. */
export function statusLines(r: StatusReport): string[] {
  const who =
    r.live && r.pid !== null
      ? `process ${r.pid}, heartbeat ${duration((r.heartbeatAgeMs ?? 0) / 1000)} ago`
      : r.state === 'interrupted'
        ? `process ${r.pid ?? '?'} is gone; resume with prismind-cli resume --run-dir ${r.runDir}`
        : 'no process holds it';
  const target = r.targetGames ?? 0;
  const lines = [
    ...(r.statusFileDamaged === null
      ? []
      : [`status file damaged (${r.statusFileDamaged}): shown from the manifest and checkpoints`]),
    `run ${r.runId}: ${r.state}${r.reason ? ` (${r.reason})` : ''} - ${who}`,
    `games ${int(r.gamesCompleted)}${target > 0 ? ` of ${int(target)} (${pct(r.gamesCompleted / target)})` : ''}` +
      `, ${rate(r.gamesPerSecond)} games/s, trained ${duration(r.elapsedSeconds)}`,
    `backend ${r.backend ?? '-'}, seed ${r.seed}` +
      (r.errors === null ? '' : `, errors ${int(r.errors.count)} (${pct(r.errors.rate, 2)})`),
    r.latestCheckpoint === null
      ? 'latest checkpoint: none'
      : `latest checkpoint: ${r.latestCheckpoint.path} (${int(r.latestCheckpoint.games)} games, ${r.latestCheckpoint.savedAt})`,
  ];
  if (r.strength?.latest) {
    lines.push(strengthLine(r.strength.latest));
    const best = r.strength.best;
    if (best && best.games !== r.strength.latest.games) {
      lines.push(
        `best: League ${best.league.score.toFixed(3)} at ${int(best.games)} games (${best.path ?? 'not saved'})`,
      );
    }
  }
  return lines;
}

/** `prismind-cli status`: one look at a run (its own process or another's). */
export async function statusCommand(args: StatusArgs, io: CliIO): Promise<number> {
  const runDir = resolve(args.runDir);
  const manifest = await requireRun(args.runDir, io);
  const view = runStatus(runDir, io);
  const newest = view.status === null ? await newestOrNull(runDir) : null;
  const report = statusReport(runDir, manifest, view, newest);
  if (args.json) println(io.stdout, JSON.stringify(report, null, 2));
  else for (const line of statusLines(report)) println(io.stdout, line);
  return EXIT.OK;
}
