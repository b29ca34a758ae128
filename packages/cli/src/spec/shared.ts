import { DEFAULT_TRAINING_SETTINGS } from '@prismind/trainer';
import type { BackendChoice } from '@prismind/board/contracts';
import { DEFAULT_MANAGER_OPTIONS } from '@prismind/trainer';
import type { Argv } from 'yargs';
import { backendArg, decimal, integer, logLevelArg } from '../args';
import type { CliIO } from '../io';

/** Runs a command's work and records its exit code (errors are reported, never thrown). */
export type Task = () => Promise<number>;
export type Run = (task: Task) => Promise<void>;
/** Adds commands to a yargs instance. */
export type Spec = (y: Argv, run: Run, io: CliIO) => Argv;

export const MAX_GAMES: number = Number.MAX_SAFE_INTEGER;
export const U32: number = 0xffff_ffff;

export const runDirOption = {
  type: 'string',
  demandOption: true,
  requiresArg: true,
  describe: 'the run directory',
} as const;
export const jsonOption = { type: 'boolean', describe: 'machine-readable JSON output' } as const;
export const backendOption: {
  describe: string;
  coerce: (value: unknown) => BackendChoice;
  requiresArg: true;
} = {
  describe: 'engine backend: auto (native when its binary loads, else js), native or js',
  coerce: backendArg,
  requiresArg: true,
} as const;

/** `--move-time SECONDS`: a per-move budget (play, nboard). */
export function moveTimeOption(describe: string): {
  describe: string;
  coerce: (value: unknown) => number;
  requiresArg: true;
} {
  return { describe, coerce: decimal('move-time', 0.001, 3600), requiresArg: true };
}

/** `--games N`. */
export function gamesOption(describe: string): {
  describe: string;
  coerce: (value: unknown) => number;
  requiresArg: true;
} {
  return { describe, coerce: integer('games', 1, MAX_GAMES), requiresArg: true };
}

/** Flags that shape a training run (train; most of them on resume too). */
export function trainingFlags(y: Argv): Argv {
  // the defaults are the trainer's own, so the help cannot drift from what a run does
  const defaults = DEFAULT_MANAGER_OPTIONS;
  return y
    .option('backend', backendOption)
    .option('threads', {
      describe: `worker threads (1 is deterministic) [default: ${defaults.threads}]`,
      coerce: integer('threads', 1, 256),
      requiresArg: true,
    })
    .option('log-level', {
      describe: `log level of logs/train.jsonl: debug, info, warn, error, silent [default: ${defaults.logLevel}]`,
      coerce: logLevelArg,
      requiresArg: true,
    })
    .option('compress', {
      type: 'boolean',
      describe: `DEFLATE-compress checkpoints [default: ${defaults.compression.compress}]`,
    })
    .option('compression-level', {
      describe: `compression level 1..9 (implies --compress) [default: ${defaults.compression.level}]`,
      coerce: integer('compression-level', 1, 9),
      requiresArg: true,
    })
    .option('keep', {
      describe: `checkpoints kept: the newest N [default: ${defaults.retention.keepLast}]`,
      coerce: integer('keep', 1, 1_000_000),
      requiresArg: true,
    })
    .option('keep-every', {
      describe: 'also keep every checkpoint at a multiple of this many games forever',
      coerce: integer('keep-every', 0, MAX_GAMES),
      requiresArg: true,
    })
    .option('json', { ...jsonOption, describe: 'progress and result as JSON lines on stdout' })
    .option('interval', {
      describe: 'seconds between progress lines when stdout is not a terminal [default: 5]',
      coerce: decimal('interval', 0, 86_400),
      requiresArg: true,
    });
}

/** How self-play plays and learns (train, bench strength): search depth, solver, ε, λ, Adam's rate. */
export function selfPlayFlags(y: Argv): Argv {
  return y
    .option('depth', {
      describe: `self-play search depth [default: ${DEFAULT_TRAINING_SETTINGS.search.depth}]`,
      coerce: integer('depth', 1, 20),
      requiresArg: true,
    })
    .option('exact-empties', {
      describe: `solve endgames exactly at this many empties [default: ${DEFAULT_TRAINING_SETTINGS.search.exactEmpties}]`,
      coerce: integer('exact-empties', 0, 30),
      requiresArg: true,
    })
    .option('epsilon', {
      describe: `exploration rate [default: ${DEFAULT_TRAINING_SETTINGS.epsilon}]`,
      coerce: decimal('epsilon', 0, 1),
      requiresArg: true,
    })
    .option('lambda', {
      describe: `TD(lambda) [default: ${DEFAULT_TRAINING_SETTINGS.lambda}]`,
      coerce: decimal('lambda', 0, 1),
      requiresArg: true,
    })
    .option('learning-rate', {
      describe: `Adam's learning rate [default: ${DEFAULT_TRAINING_SETTINGS.learningRate}]`,
      coerce: decimal('learning-rate', Number.MIN_VALUE, 10),
      requiresArg: true,
    })
    .option('learning-rate-decay-games', {
      describe: `games over which the learning rate decays to --learning-rate-end [default: ${DEFAULT_TRAINING_SETTINGS.learningRateDecayGames}]`,
      coerce: integer('learning-rate-decay-games', 1, Number.MAX_SAFE_INTEGER),
      requiresArg: true,
    })
    .option('learning-rate-end', {
      describe: `learning rate the schedule decays to (= --learning-rate: constant) [default: ${DEFAULT_TRAINING_SETTINGS.learningRateEnd}]`,
      coerce: decimal('learning-rate-end', Number.MIN_VALUE, 10),
      requiresArg: true,
    });
}
