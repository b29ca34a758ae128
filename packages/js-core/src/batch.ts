import type {
  GameFailure,
  SampledGame,
  SearchLimits,
  TrainBatchOptions,
} from '@prismind/board/contracts';
import { stageBaseTable } from './evaluate';
import type { GameState } from './game';
import { C_GAMES, type ModelBuffers, SharedModel } from './model';
import type { Searcher } from './root';
import { Rng } from '@prismind/board';
import { playSelfPlayGame } from './selfplay';
import {
  acquireLock,
  BATCH,
  MAX_LISTED_FAILURES,
  NEXT,
  NOT_STARTED,
  releaseLock,
  S_BLACK_WINS,
  S_DRAWS,
  S_FAILED,
  S_LEARNED,
  S_MOVES,
  S_RESETS,
  S_SUM_ABS_DIFF,
  S_SUM_DIFF,
  S_SUM_TD_ERROR,
  S_WHITE_WINS,
  START,
  STARTED,
  STOP,
} from './shared-control';
import type { TdLearner } from './td';

/**
 * A training batch as one worker runs it (docs/engine-spec.md, "Training batches and threads").
 * Workers take batch-relative game indices from a shared counter; game i is number base + i and
 * draws from Rng.forGame(seed, base + i). A finished game's update is applied at once under the
 * lock, with the weights as they are then; with one worker that is exactly the sequential spec.
 */

/** Test-only fault injection (see JsEngineOptions.testHooks). */
export interface BatchHooks {
  /** Game numbers whose play throws. */
  failGames?: readonly number[] | undefined;
  /** The worker that learns this game number dies while holding the lock. */
  crashAtGame?: number | undefined;
}

export interface BatchMessage {
  type: 'batch';
  /** This worker's lock id (1..). */
  id: number;
  /** The batch's number (control[BATCH] while it is current). */
  batch: number;
  /** Number of the batch's first game (the model's games counter when the batch began). */
  base: number;
  options: TrainBatchOptions;
  buffers: ModelBuffers;
  control: SharedArrayBuffer;
  stats: SharedArrayBuffer;
  hooks: BatchHooks;
}

export type WorkerReply =
  | { type: 'progress'; batch: number; stats: number[] }
  | { type: 'done'; batch: number; failures: GameFailure[]; sampled: SampledGame[] };

/** What a worker's share of a batch leaves besides the shared statistics. */
export interface WorkerOutcome {
  failures: GameFailure[];
  sampled: SampledGame[];
}

export interface WorkerTools {
  searcher: Searcher;
  learner: TdLearner;
  game: GameState;
}

export function runBatch(
  msg: BatchMessage,
  tools: WorkerTools,
  post: (reply: WorkerReply) => void,
): WorkerOutcome {
  const { options, hooks } = msg;
  const control = new Int32Array(msg.control);
  const failures: GameFailure[] = [];
  const sampled: SampledGame[] = [];
  // A stale message (its batch already settled) or a batch cancelled before this worker started
  // it (a stop while the worker was booting): nothing to do.
  if (Atomics.load(control, BATCH) !== msg.batch) return { failures, sampled };
  if (Atomics.compareExchange(control, START + msg.id, NOT_STARTED, STARTED) !== NOT_STARTED) {
    return { failures, sampled };
  }
  const model = new SharedModel(msg.buffers);
  const stats = new Float64Array(msg.stats);
  const stageBase = stageBaseTable(model.stages);
  tools.searcher.setWeights(model.weights, stageBase);
  const limits: SearchLimits = {
    depth: options.search.depth,
    timeMs: options.search.timeMs,
    exactEmpties: options.search.exactEmpties,
  };
  const play = { epsilon: options.epsilon, limits, stageBase, stop: control, stopIndex: STOP };
  const every = options.progressEveryGames;
  const recordEvery = options.recordEvery;
  while (Atomics.load(control, STOP) === 0) {
    const index = Atomics.add(control, NEXT, 1);
    if (index >= options.games) break;
    const number = msg.base + index;
    const played = recordEvery > 0 && number % recordEvery === 0 ? [] : null;
    let finished: boolean;
    try {
      if (hooks.failGames?.includes(number)) throw new Error(`injected failure in game ${number}`);
      finished = playSelfPlayGame(
        tools.game,
        tools.searcher,
        Rng.forGame(options.seed, number),
        play,
        played,
      );
    } catch (error) {
      // A failed game is skipped, not learned from; its number is used up (games grows).
      // A worker takes games in increasing order: its first failures are its lowest-numbered,
      // the only ones the result can list; the rest are counted in S_FAILED alone.
      if (failures.length < MAX_LISTED_FAILURES) failures.push(describeFailure(number, error));
      acquireLock(control, msg.id);
      model.counters[C_GAMES] = model.counters[C_GAMES]! + 1;
      stats[S_FAILED] = stats[S_FAILED]! + 1;
      report(stats, every, msg.batch, post);
      releaseLock(control);
      continue;
    }
    if (!finished) break;
    const z = tools.game.finalScoreBlack();
    // Grouping the game's weights does not read them: done before taking the lock.
    tools.learner.prepare(tools.game.offs, tools.game.signs, tools.game.recorded);
    acquireLock(control, msg.id);
    try {
      if (hooks.crashAtGame === number) process.exit(70);
      const resets = tools.learner.apply(model, z, options.learning);
      model.counters[C_GAMES] = model.counters[C_GAMES]! + 1;
      stats[S_LEARNED] = stats[S_LEARNED]! + 1;
      const winner = z > 0 ? S_BLACK_WINS : z < 0 ? S_WHITE_WINS : S_DRAWS;
      stats[winner] = stats[winner]! + 1;
      stats[S_SUM_DIFF] = stats[S_SUM_DIFF]! + z;
      stats[S_SUM_ABS_DIFF] = stats[S_SUM_ABS_DIFF]! + Math.abs(z);
      stats[S_SUM_TD_ERROR] = stats[S_SUM_TD_ERROR]! + tools.learner.meanAbsError();
      stats[S_MOVES] = stats[S_MOVES]! + tools.game.movesPlayed;
      stats[S_RESETS] = stats[S_RESETS]! + resets;
      if (played !== null) sampled.push({ game: number, moves: played, finalScore: z });
      report(stats, every, msg.batch, post);
    } finally {
      releaseLock(control);
    }
  }
  return { failures, sampled };
}

/** Under the lock: a progress snapshot after every `every` games done (learned or failed). */
function report(
  stats: Float64Array,
  every: number,
  batch: number,
  post: (reply: WorkerReply) => void,
): void {
  const done = stats[S_LEARNED]! + stats[S_FAILED]!;
  if (every > 0 && done % every === 0) post({ type: 'progress', batch, stats: Array.from(stats) });
}

function describeFailure(game: number, error: unknown): GameFailure {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { game, kind: typeof code === 'string' ? code : error.name, message: error.message };
  }
  return { game, kind: 'thrown', message: String(error) };
}
