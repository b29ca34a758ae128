import {
  PrismindError,
  type TrainBatchOptions,
  type TrainBatchResult,
  type TrainProgress,
} from '@prismind/board/contracts';
import type { BatchHooks } from './batch';
import { C_GAMES, type SharedModel } from './model';
import type { WorkerPool } from './pool';
import {
  NEXT,
  LOCK,
  MAX_LISTED_FAILURES,
  S_BLACK_WINS,
  S_DRAWS,
  S_LEARNED,
  S_FAILED,
  S_MOVES,
  S_RESETS,
  S_SUM_ABS_DIFF,
  S_SUM_DIFF,
  S_SUM_TD_ERROR,
  S_WHITE_WINS,
  STOP,
} from './shared-control';

/**
 * One training batch from the main thread's side: reset the shared control and statistics, hand
 * the batch to `threads` workers, relay progress, and assemble the result. The games run in the
 * workers; nothing here touches a weight.
 *
 * Counting (as the Rust core does): `gamesCompleted` is the games played to the end and learned
 * from; a failed game is counted in `failedGames`, listed in `failures` (the first
 * MAX_LISTED_FAILURES by number) and uses up
 * its number, so the model's `games` grows by completed + failed. Progress `gamesDone` counts both.
 * Win counts and averages are over the games learned from. `stopped`: fewer games done than asked.
 * The per-game TD errors are summed as the games are learned (under the lock): in game-number
 * order with one worker; with more the games themselves depend on timing, and so does the sum.
 */

export async function runTrainBatch(
  pool: WorkerPool,
  model: SharedModel,
  control: Int32Array,
  stats: Float64Array,
  options: TrainBatchOptions,
  hooks: BatchHooks,
  onProgress: ((progress: TrainProgress) => void) | undefined,
): Promise<TrainBatchResult> {
  const started = performance.now();
  Atomics.store(control, STOP, 0);
  Atomics.store(control, LOCK, 0);
  Atomics.store(control, NEXT, 0);
  stats.fill(0);
  const base = model.counters[C_GAMES]!;
  let reported = 0;
  const run = await pool.run(
    options.threads,
    (id, batch) => ({
      type: 'batch',
      id,
      batch,
      base,
      options,
      buffers: model.buffers,
      control: control.buffer as SharedArrayBuffer,
      stats: stats.buffer as SharedArrayBuffer,
      hooks,
    }),
    control,
    (snapshot) => {
      // Progress from several workers can arrive out of order: report only forward steps.
      const done = snapshot[S_LEARNED]! + snapshot[S_FAILED]!;
      if (onProgress === undefined || done <= reported) return;
      reported = done;
      try {
        onProgress(progressOf(snapshot, options.games, performance.now() - started));
      } catch {
        // A listener's error must not break the batch (the games go on in the workers).
      }
    },
  );
  const result = resultOf(stats, run.failures, (performance.now() - started) / 1000);
  result.sampledGames = run.sampled.sort((a, b) => a.game - b.game);
  result.stopped = stats[S_LEARNED]! + stats[S_FAILED]! < options.games;
  if (run.crashed !== null) {
    throw new PrismindError(
      'ENGINE_FAILURE',
      `training batch failed: ${run.crashed}; ${result.gamesCompleted} games were learned from before it (model.games = ${model.counters[C_GAMES]})`,
      { details: { partial: result } },
    );
  }
  return result;
}

function progressOf(s: readonly number[], target: number, elapsedMs: number): TrainProgress {
  const done = s[S_LEARNED]!;
  return {
    gamesDone: done + s[S_FAILED]!,
    gamesTarget: target,
    blackWins: s[S_BLACK_WINS]!,
    whiteWins: s[S_WHITE_WINS]!,
    draws: s[S_DRAWS]!,
    avgDiscDiff: done > 0 ? s[S_SUM_DIFF]! / done : 0,
    elapsedMs,
  };
}

function resultOf(
  s: Float64Array,
  failures: TrainBatchResult['failures'],
  seconds: number,
): TrainBatchResult {
  const done = s[S_LEARNED]!;
  return {
    gamesCompleted: done,
    blackWins: s[S_BLACK_WINS]!,
    whiteWins: s[S_WHITE_WINS]!,
    draws: s[S_DRAWS]!,
    avgDiscDiff: done > 0 ? s[S_SUM_DIFF]! / done : 0,
    avgAbsDiscDiff: done > 0 ? s[S_SUM_ABS_DIFF]! / done : 0,
    avgTdError: done > 0 ? s[S_SUM_TD_ERROR]! / done : 0,
    movesPlayed: s[S_MOVES]!,
    resets: s[S_RESETS]!,
    failedGames: s[S_FAILED]!,
    failures: failures.sort((a, b) => a.game - b.game).slice(0, MAX_LISTED_FAILURES),
    seconds,
    stopped: false,
    sampledGames: [],
  };
}
