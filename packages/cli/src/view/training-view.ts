import type {
  StartOptions,
  TrainingManager,
  TrainingProgressEvent,
  TrainingResult,
  RestoredEvent,
  StrengthEvent,
  StrengthRecord,
} from '@prismind/trainer';
import { isTrainerError } from '@prismind/trainer';
import { describeSkipped } from '@prismind/trainer/run-dir';
import { CliError, EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { duration, int, pct, rate, signed } from './format';
import { type ProgressSnapshot, ProgressDisplay } from './progress';

/** How a training command shows a run: a live view, plain lines, or JSON lines. */
export interface ViewOptions {
  json?: boolean | undefined;
  /** Plain-line period when stdout is not a terminal. Default 5 s. */
  plainIntervalMs?: number | undefined;
  runId?: string | undefined;
  /** The backend the engine factory took, once it has (shown in the live view's first line). */
  backend?: (() => string | undefined) | undefined;
  /** The line that says which checkpoint the run continues from (resume). */
  restoredLine?: ((event: RestoredEvent) => string) | undefined;
}

function snapshotOf(e: TrainingProgressEvent): ProgressSnapshot {
  return {
    games: e.games,
    targetGames: e.targetGames,
    gamesPerSecond: e.gamesPerSecond,
    etaSeconds: e.etaSeconds,
    elapsedSeconds: e.elapsedSeconds,
    avgDiscDiff: e.avgDiscDiff,
    blackWinRate: e.blackWinRate,
    whiteWinRate: e.whiteWinRate,
    drawRate: e.drawRate,
    errors: e.errors,
  };
}

/** The closing lines of a run or stretch of it. */
export function summaryLines(r: TrainingResult): string[] {
  const lines = [
    `run ${r.outcome}${r.reason === null ? '' : ` (${r.reason})`} at ${int(r.gamesCompleted)} of ${int(r.targetGames)} games; ` +
      `this process: ${int(r.sessionGames)} games in ${duration(r.totalSeconds)} (${rate(r.gamesPerSecond)} games/s), backend ${r.backend}`,
  ];
  if (r.windowGames > 0) {
    lines.push(
      `last ${int(r.windowGames)} games: discs ${signed(r.finalDiscDiff)} (black minus white), ` +
        `black ${pct(r.blackWinRate)}, white ${pct(r.whiteWinRate)}, draws ${pct(r.drawRate)}`,
    );
  }
  if (r.errorCount > 0) lines.push(`errors: ${int(r.errorCount)} over the run`);
  lines.push(`latest checkpoint: ${r.latestCheckpoint ?? 'none'}`);
  return lines;
}

/** A League score with its 95% interval: `0.862 [0.846, 0.876]`. */
function leagueText(e: StrengthRecord): string {
  const { score, low, high } = e.league;
  return `${score.toFixed(3)} [${low.toFixed(3)}, ${high.toFixed(3)}]`;
}

/**
 * One strength measurement: the League score against the standard heuristic (the published
 * yardstick; the best published learners score about 0.96) and the accuracy on solved endgames.
 */
export function strengthLine(e: StrengthRecord & { best?: boolean }): string {
  const { mae, onePlyBestRate, depth4BestRate } = e.endgame;
  return (
    `strength at ${int(e.games)} games: League ${leagueText(e)} vs the standard WPC (best published ≈ 0.96); ` +
    `solved endgames: error ${mae.toFixed(1)} discs, best move ${pct(onePlyBestRate)} at 1 ply, ${pct(depth4BestRate)} at depth 4` +
    (e.best === true ? ' (best so far: checkpoints/best.prsm)' : '')
  );
}

function jsonLine(io: CliIO, type: string, fields: object): void {
  println(io.stdout, JSON.stringify({ type, ...fields }));
}

/**
 * Runs `manager.start(start)` with its events shown on `io`, and returns the exit code: 0 when the
 * run completed or was stopped (pause, Ctrl-C: saved), 1 when it failed. A run that pauses itself
 * because a checkpoint cannot be written (disk full) is stopped at its last checkpoint on disk and
 * the command fails (exit 1) saying so: a command holds no operator who could resume it, and
 * waiting paused would hide the failure from scripts (the trainer README, "A full disk").
 */
export async function runWithView(
  manager: TrainingManager,
  start: StartOptions,
  io: CliIO,
  options: ViewOptions = {},
): Promise<number> {
  const json = options.json === true;
  let savedGamesLost: { games: number; reason: string } | undefined;
  let lastStrength: StrengthEvent | undefined;
  let bestStrength: StrengthEvent | undefined;
  const display = new ProgressDisplay(io.stdout, { plainIntervalMs: options.plainIntervalMs });
  let snapshot: ProgressSnapshot = { games: 0, runId: options.runId, state: 'starting' };
  const note = (line: string) => (json ? undefined : display.note(line));
  const show = (patch: Partial<ProgressSnapshot>, force = false) => {
    snapshot = { ...snapshot, ...patch, backend: options.backend?.() };
    if (!json) display.update(snapshot, force);
  };
  const offs = [
    manager.on('progress', (e) => {
      if (json) jsonLine(io, 'progress', e);
      show(snapshotOf(e), e.final);
    }),
    manager.on('restored', (e) => {
      for (const line of describeSkipped(e.skipped)) println(io.stderr, `warning: ${line}`);
      if (json) jsonLine(io, 'restored', e);
      else if (options.restoredLine !== undefined) println(io.stdout, options.restoredLine(e));
    }),
    manager.on('state', (e) => {
      if (json) jsonLine(io, 'state', e);
      else if (e.to === 'paused' || e.from === 'paused') {
        note(`${e.to}${e.reason === null ? '' : ` (${e.reason})`} at ${int(e.games)} games`);
      }
      // the first state (training) has no numbers to show yet; later changes draw at once
      if (e.from === 'idle') snapshot = { ...snapshot, state: e.to, games: e.games };
      else show({ state: e.to, games: e.games }, true);
    }),
    manager.on('checkpoint', (e) => {
      if (json) jsonLine(io, 'checkpoint', e);
      else if (!display.isLive) note(`checkpoint ${e.path} (${int(e.games)} games, ${e.reason})`);
      show({ lastCheckpoint: { path: e.path, games: e.games } });
    }),
    manager.on('checkpoint-failed', (e) => {
      if (json) jsonLine(io, 'checkpoint-failed', e);
      note(`warning: checkpoint at ${int(e.games)} games failed: ${e.error}`);
    }),
    manager.on('paused', (e) => {
      if (json) jsonLine(io, 'paused', e);
      if (e.checkpoint !== undefined) {
        // nobody may be there to resume: the command ends the run at its last checkpoint on disk
        savedGamesLost = { games: e.games, reason: e.reason };
        note(
          `paused: the checkpoint at ${int(e.games)} games cannot be written (${e.reason}); stopping`,
        );
        queueMicrotask(() => void manager.stop().catch(() => undefined));
      } else if (e.errors !== undefined) {
        note(
          `paused by the error policy: ${pct(e.errors.rate, 2)} of the last ${int(e.errors.windowGames)} games failed; ` +
            `resume with prismind-cli resume --run-dir ${manager.runDir}`,
        );
      } else {
        note(`paused; resume with: prismind-cli resume --run-dir ${manager.runDir}`);
      }
    }),
    manager.on('strength', (e) => {
      lastStrength = e;
      if (e.best) bestStrength = e;
      if (json) jsonLine(io, 'strength', e);
      else note(strengthLine(e));
    }),
    manager.on('engine-restart', (e) => {
      if (json) jsonLine(io, 'engine-restart', e);
      note(`warning: engine restarted from ${int(e.games)} games (${e.cause})`);
    }),
    manager.on('weights-reset', (e) => {
      if (json) jsonLine(io, 'weights-reset', e);
      note(`warning: ${e.count} non-finite weights reset (${e.source})`);
    }),
  ];
  let result: TrainingResult;
  try {
    result = await manager.start(start);
  } catch (error) {
    display.close();
    const failed = isTrainerError(error)
      ? (error.details.result as TrainingResult | undefined)
      : undefined;
    if (json && failed !== undefined) jsonLine(io, 'result', failed);
    throw error;
  } finally {
    for (const off of offs) off();
  }
  display.close();
  if (json) jsonLine(io, 'result', result);
  else {
    for (const line of summaryLines(result)) println(io.stdout, line);
    if (lastStrength !== undefined) {
      println(io.stdout, `final ${strengthLine(lastStrength)}`);
      if (bestStrength !== undefined && bestStrength !== lastStrength) {
        println(
          io.stdout,
          `best: League ${leagueText(bestStrength)} at ${int(bestStrength.games)} games`,
        );
      }
    }
  }
  if (savedGamesLost !== undefined) {
    throw new CliError(
      'FAILED',
      `the run paused itself: its checkpoint at ${int(savedGamesLost.games)} games could not be written ` +
        `(${savedGamesLost.reason}); it ends at its last checkpoint, ${int(result.gamesCompleted)} games. ` +
        `Free space, then continue it with: prismind-cli resume --run-dir ${manager.runDir}`,
    );
  }
  return result.outcome === 'failed' ? EXIT.FAILURE : EXIT.OK;
}
