import {
  type EndgamePosition,
  loadEndgameSet,
  type StrengthReport,
  strengthReport,
} from '@prismind/arena';
import type { BackendChoice, Engine, TrainBatchOptionsInput } from '@prismind/board/contracts';
import {
  DEFAULT_MANAGER_OPTIONS,
  DEFAULT_TRAINING_SETTINGS,
  learningRateAt,
} from '@prismind/trainer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { badArgument, EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { selectEngine } from '../model';
import { strengthChart } from '../view/strength-chart';
import { machineInfo } from './bench';

export interface BenchStrengthArgs {
  /** Train this many games in all; or give `minutes`. Default 10,000 when neither is given. */
  games?: number | undefined;
  /** Train this long in all (training time only; evaluation is not counted). */
  minutes?: number | undefined;
  /** Evenly spaced measurements, the last at the end of training. Default 5. */
  points?: number | undefined;
  /** League games per point. Default 2,000. */
  leagueGames?: number | undefined;
  /** Openings of the depth-2 gauntlet vs the standard WPC (× 2 colours). Default 60. */
  gauntletOpenings?: number | undefined;
  /** A solved endgame set (default: the one packaged with @prismind/arena). */
  endgameSet?: string | undefined;
  /** Measure only the first N positions of the set. */
  endgameCount?: number | undefined;
  backend?: BackendChoice | undefined;
  threads?: number | undefined;
  /** Default 1: the same run every time (with one thread). */
  seed?: number | undefined;
  stages?: number | undefined;
  depth?: number | undefined;
  exactEmpties?: number | undefined;
  epsilon?: number | undefined;
  lambda?: number | undefined;
  learningRate?: number | undefined;
  /** The learning rate at the end of the decay (exponential, as `train` does). */
  learningRateEnd?: number | undefined;
  /** Games of the decay. Default: the whole budget. */
  learningRateDecayGames?: number | undefined;
  /** Also write strength.json and strength.svg here. */
  out?: string | undefined;
}

export const DEFAULT_STRENGTH_GAMES = 10_000;

/** One measurement: how far training got, how long it took, and how strong the model was. */
export interface StrengthPoint extends StrengthReport {
  games: number;
  /** Training wall time so far (evaluation excluded). */
  trainSeconds: number;
  /** Games per second of training so far. */
  gamesPerSecond: number;
}

/** The most games one engine batch may ask for; a timed segment is ended by requestStop. */
const MAX_BATCH = 100_000_000;

/** Trains `games` more games, or (with `ms`) as many as fit in `ms` of training time. */
async function trainSegment(
  engine: Engine,
  batch: Omit<TrainBatchOptionsInput, 'games'>,
  budget: { games: number } | { ms: number },
): Promise<number> {
  if ('games' in budget) {
    if (budget.games <= 0) return 0;
    return (await engine.train({ ...batch, games: budget.games })).gamesCompleted;
  }
  if (budget.ms <= 0) return 0;
  const timer = setTimeout(() => engine.requestStop(), budget.ms);
  try {
    return (await engine.train({ ...batch, games: MAX_BATCH })).gamesCompleted;
  } finally {
    clearTimeout(timer);
  }
}

function checkBudget(args: BenchStrengthArgs): void {
  if (args.games !== undefined && args.minutes !== undefined) {
    throw badArgument('--minutes', 'give --games or --minutes, not both');
  }
}

/** Training pieces between two measurements: the learning rate is set anew for each. */
const SEGMENTS_PER_POINT = 10;

/** The run's learning-rate schedule: the trainer's, so the bench trains as `train` does. */
function learningRates(args: BenchStrengthArgs): { learningRate: number; learningRateEnd: number } {
  const learningRate = args.learningRate ?? DEFAULT_TRAINING_SETTINGS.learningRate;
  return {
    learningRate,
    learningRateEnd:
      args.learningRateEnd ?? DEFAULT_TRAINING_SETTINGS.learningRateEnd ?? learningRate,
  };
}

/** The batches' settings: what is given, else the trainer's defaults (not the engines' own). */
export function batchOptions(args: BenchStrengthArgs): Omit<TrainBatchOptionsInput, 'games'> {
  return {
    threads: args.threads ?? 1,
    seed: args.seed ?? 1,
    epsilon: args.epsilon ?? DEFAULT_TRAINING_SETTINGS.epsilon,
    search: { depth: args.depth ?? 1, exactEmpties: args.exactEmpties ?? 0 },
    learning: {
      lambda: args.lambda ?? DEFAULT_TRAINING_SETTINGS.lambda,
      learningRate: args.learningRate,
    },
    progressEveryGames: 0,
  };
}

/** Trains and measures at `points` evenly spaced points (by games, or by training time). */
async function runPoints(
  engine: Engine,
  args: BenchStrengthArgs,
  endgame: readonly EndgamePosition[],
): Promise<StrengthPoint[]> {
  const points = args.points ?? 5;
  const batch = batchOptions(args);
  const rates = learningRates(args);
  const totalGames = args.games ?? DEFAULT_STRENGTH_GAMES;
  const totalMs = (args.minutes ?? 0) * 60_000;
  const measured: StrengthPoint[] = [];
  let games = 0;
  let trainMs = 0;
  const byTime = args.minutes !== undefined;
  for (let k = 1; k <= points; k++) {
    // each point's stretch in SEGMENTS_PER_POINT pieces, each at the schedule's learning rate
    for (let s = 1; s <= SEGMENTS_PER_POINT; s++) {
      const end = (k - 1 + s / SEGMENTS_PER_POINT) / points;
      // the decay spans the budget (its games, or its training time) unless given in games
      const decayByTime = byTime && args.learningRateDecayGames === undefined;
      const learningRate = learningRateAt(
        {
          ...rates,
          learningRateDecayGames: decayByTime
            ? totalMs
            : (args.learningRateDecayGames ?? totalGames),
        },
        decayByTime ? trainMs : games,
      );
      const started = performance.now();
      games += await trainSegment(
        engine,
        { ...batch, learning: { ...batch.learning, learningRate } },
        byTime ? { ms: totalMs * end - trainMs } : { games: Math.round(totalGames * end) - games },
      );
      trainMs += performance.now() - started;
    }
    const report = await strengthReport(engine, {
      leagueGames: args.leagueGames,
      gauntletOpenings: args.gauntletOpenings,
      seed: args.seed ?? 1,
      endgame,
    });
    const trainSeconds = trainMs / 1000;
    measured.push({ games, trainSeconds, gamesPerSecond: games / trainSeconds, ...report });
  }
  return measured;
}

/**
 * `prismind-cli bench strength`: trains a fresh model with the given settings and measures it at
 * evenly spaced points (League score, depth-2 gauntlet vs the standard WPC, accuracy on solved
 * endgames); prints one JSON object, and with --out writes it and an SVG learning curve.
 */
export async function benchStrengthCommand(args: BenchStrengthArgs, io: CliIO): Promise<number> {
  checkBudget(args);
  const endgame = loadEndgameSet(args.endgameSet).slice(0, args.endgameCount);
  const selection = await selectEngine(
    args.backend ?? 'auto',
    args.stages ?? DEFAULT_MANAGER_OPTIONS.stages,
  );
  const { engine } = selection;
  const started = performance.now();
  let points: StrengthPoint[];
  try {
    points = await runPoints(engine, args, endgame);
  } finally {
    await engine.dispose();
  }
  const last = points.at(-1)!;
  const evalSeconds = points.reduce((sum, p) => sum + p.seconds, 0);
  const result = {
    settings: settingsOf(args, endgame.length),
    backend: selection.backend,
    backendReason: selection.reason,
    machine: machineInfo(),
    totals: {
      games: last.games,
      trainSeconds: last.trainSeconds,
      gamesPerSecond: last.gamesPerSecond,
      evalSeconds,
      wallSeconds: (performance.now() - started) / 1000,
    },
    points,
  };
  const json = JSON.stringify(result, fourDecimals, 2);
  if (args.out !== undefined) {
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, 'strength.json'), `${json}\n`);
    writeFileSync(join(args.out, 'strength.svg'), strengthChart(points, selection.backend));
  }
  println(io.stdout, json);
  return EXIT.OK;
}

/** JSON numbers to 4 decimals: timings and rates, readable, far finer than their noise. */
function fourDecimals(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(4)) : value;
}

function settingsOf(args: BenchStrengthArgs, endgamePositions: number) {
  const batch = batchOptions(args);
  return {
    ...(args.minutes === undefined
      ? { games: args.games ?? DEFAULT_STRENGTH_GAMES }
      : { minutes: args.minutes }),
    points: args.points ?? 5,
    backend: args.backend ?? 'auto',
    threads: batch.threads,
    seed: batch.seed,
    stages: args.stages ?? DEFAULT_MANAGER_OPTIONS.stages,
    depth: batch.search?.depth,
    exactEmpties: batch.search?.exactEmpties,
    epsilon: batch.epsilon,
    lambda: batch.learning?.lambda,
    ...learningRates(args),
    leagueGames: args.leagueGames ?? 2000,
    gauntletOpenings: args.gauntletOpenings ?? 60,
    endgameSet: args.endgameSet ?? 'packaged',
    endgamePositions,
  };
}
