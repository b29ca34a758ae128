import type { BackendChoice } from '@prismind/board/contracts';
import {
  type ManagerLogLevel,
  readManifest,
  type StartOptions,
  TrainingManager,
  type TrainingManagerOptions,
} from '@prismind/trainer';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CliError } from '../errors';
import { type CliIO, println } from '../io';
import { cliEngineFactory } from '../model';
import { int } from '../view/format';
import { runWithView } from '../view/training-view';

/**
 * Games a `train` without `--games` plays: a million, a few minutes natively (~5,000 games/s),
 * which with the default learning-rate decay and 10 stages gives a model that beats the standard
 * heuristic in most League games (docs/strength.md); the quick start's run.
 */
export const DEFAULT_TRAIN_GAMES = 1_000_000;

/** `prismind-cli train`: flags as parsed (undefined = the TrainingManager's default). */
export interface TrainArgs {
  runDir: string;
  games?: number | undefined;
  backend?: BackendChoice | undefined;
  threads?: number | undefined;
  seed?: number | undefined;
  stages?: number | undefined;
  depth?: number | undefined;
  timeMs?: number | undefined;
  exactEmpties?: number | undefined;
  epsilon?: number | undefined;
  lambda?: number | undefined;
  learningRate?: number | undefined;
  learningRateEnd?: number | undefined;
  learningRateDecayGames?: number | undefined;
  checkpointInterval?: number | undefined;
  checkpointMinutes?: number | undefined;
  callbackInterval?: number | undefined;
  compress?: boolean | undefined;
  compressionLevel?: number | undefined;
  keep?: number | undefined;
  keepEvery?: number | undefined;
  logLevel?: ManagerLogLevel | undefined;
  tensorboard?: boolean | undefined;
  /** Keep every N-th self-play game in games.jsonl (0: none). */
  storeGamesEvery?: number | undefined;
  json?: boolean | undefined;
  /** Seconds between plain progress lines (not a terminal). Default 5. */
  interval?: number | undefined;
  /** SIGINT/SIGTERM save and exit 0. Default true (tests turn it off). */
  handleSignals?: boolean | undefined;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The TrainingManager options a command line asks for (what it leaves out keeps its default). */
export function managerOptions(
  args: Omit<TrainArgs, 'runDir'> & { runDir?: string },
  io: CliIO,
  chosen: { backend?: string } = {},
): Partial<TrainingManagerOptions> {
  const compression =
    args.compress === true || args.compressionLevel !== undefined
      ? args.compressionLevel === undefined
        ? true
        : { level: args.compressionLevel }
      : args.compress === false
        ? false
        : undefined;
  const retention =
    args.keep === undefined && args.keepEvery === undefined
      ? undefined
      : defined({ keepLast: args.keep, keepEvery: args.keepEvery });
  return defined({
    backend: args.backend,
    threads: args.threads,
    seed: args.seed,
    stages: args.stages,
    logLevel: args.logLevel,
    tensorboard: args.tensorboard,
    storeGamesEvery: args.storeGamesEvery,
    compression,
    retention,
    // the view reports what matters; the log file keeps everything
    logEcho: false,
    handleSignals: args.handleSignals ?? true,
    engineFactory: cliEngineFactory((selection) => {
      chosen.backend = selection.backend;
      if (args.json) {
        println(
          io.stdout,
          JSON.stringify({ type: 'backend', backend: selection.backend, reason: selection.reason }),
        );
      } else println(io.stdout, `backend ${selection.backend} (${selection.reason})`);
    }),
  });
}

/** The start() options a command line asks for. */
export function startOptions(args: Omit<TrainArgs, 'runDir'>): StartOptions {
  const search =
    args.depth === undefined && args.timeMs === undefined && args.exactEmpties === undefined
      ? undefined
      : defined({ depth: args.depth, timeMs: args.timeMs, exactEmpties: args.exactEmpties });
  return defined({
    targetGames: args.games,
    checkpointInterval: args.checkpointInterval,
    checkpointMinutes: args.checkpointMinutes,
    callbackInterval: args.callbackInterval,
    search,
    epsilon: args.epsilon,
    lambda: args.lambda,
    learningRate: args.learningRate,
    learningRateEnd: args.learningRateEnd,
    learningRateDecayGames: args.learningRateDecayGames,
  });
}

/**
 * Starts a new run in `runDir` and trains it to `games` games in this process (Ctrl-C saves and
 * exits 0). A directory that already holds a run is refused: `resume` continues one.
 */
export async function trainCommand(args: TrainArgs, io: CliIO): Promise<number> {
  const runDir = resolve(args.runDir);
  const existing = existsSync(runDir) ? readManifest(runDir) : undefined;
  if (existing !== undefined) {
    throw new CliError(
      'BAD_STATE',
      `${args.runDir} already holds run ${existing.runId} (${int(existing.games)} games, ${existing.outcome}); ` +
        `continue it with: prismind-cli resume --run-dir ${args.runDir} [--games N]`,
    );
  }
  const games = args.games ?? DEFAULT_TRAIN_GAMES;
  const chosen: { backend?: string } = {};
  const manager = new TrainingManager({ ...managerOptions(args, io, chosen), runDir });
  if (!args.json) {
    println(io.stdout, `training ${int(games)} games in ${runDir}`);
  }
  return runWithView(manager, startOptions({ ...args, games }), io, {
    json: args.json,
    runId: basename(runDir),
    backend: () => chosen.backend,
    plainIntervalMs: args.interval === undefined ? undefined : args.interval * 1000,
  });
}
