import { DEFAULT_MANAGER_OPTIONS, DEFAULT_TRAINING_SETTINGS } from '@prismind/trainer';
import { decimal, integer } from '../args';
import { controlCommand } from '../commands/control';
import { monitorCommand } from '../commands/monitor';
import { resumeCommand } from '../commands/resume';
import { statusCommand } from '../commands/status';
import { DEFAULT_TRAIN_GAMES, trainCommand } from '../commands/train';
import {
  gamesOption,
  jsonOption,
  runDirOption,
  type Spec,
  selfPlayFlags,
  trainingFlags,
  U32,
} from './shared';

/** `train`: every flag of a new run. */
export const trainSpec: Spec = (y, run, io) => {
  // the defaults are the trainer's own, so the help cannot drift from what a run does
  const settings = DEFAULT_TRAINING_SETTINGS;
  return y.command(
    'train',
    'start a new training run and follow it (Ctrl-C saves and exits 0)',
    (c) =>
      selfPlayFlags(trainingFlags(c))
        .option('run-dir', runDirOption)
        .option('games', gamesOption(`games to train [default: ${DEFAULT_TRAIN_GAMES}]`))
        .option('seed', {
          describe: 'u32 seed of the run [default: random]',
          coerce: integer('seed', 0, U32),
          requiresArg: true,
        })
        .option('time-ms', {
          describe: 'per-move search time in ms (not reproducible)',
          coerce: integer('time-ms', 1, 60_000),
          requiresArg: true,
        })
        .option('checkpoint-interval', {
          describe: `also save a checkpoint every N games (whichever comes first) [default: ${settings.checkpointInterval > 0 ? settings.checkpointInterval : 'off'}]`,
          coerce: integer('checkpoint-interval', 1, 100_000_000),
          requiresArg: true,
        })
        .option('checkpoint-minutes', {
          describe: `save a checkpoint every M minutes of training, 0: off [default: ${settings.checkpointMinutes}]`,
          coerce: decimal('checkpoint-minutes', 0, 10_080),
          requiresArg: true,
        })
        .option('callback-interval', {
          describe: `games per engine batch; progress at least this often [default: ${settings.callbackInterval}]`,
          coerce: integer('callback-interval', 1, 1_000_000),
          requiresArg: true,
        })
        .option('stages', {
          describe: `model stages [default: ${DEFAULT_MANAGER_OPTIONS.stages}]`,
          coerce: integer('stages', 1, 61),
          requiresArg: true,
          hidden: true,
        })
        .option('tensorboard', {
          type: 'boolean',
          describe: `write TensorBoard event files [default: ${DEFAULT_MANAGER_OPTIONS.tensorboard}]`,
        })
        .option('store-games-every', {
          describe: `keep every N-th self-play game in games.jsonl, 0: none [default: ${DEFAULT_MANAGER_OPTIONS.storeGamesEvery}]`,
          coerce: integer('store-games-every', 0, 100_000_000),
          requiresArg: true,
        })
        .example('$0 train --run-dir runs/r1', `${DEFAULT_TRAIN_GAMES} games with every default`)
        .example(
          '$0 train --run-dir runs/r2 --games 1000000 --backend native --threads 2 --seed 7',
          'a long run',
        ),
    (a) =>
      run(() =>
        trainCommand(
          {
            runDir: a['run-dir'] as string,
            games: a.games as number | undefined,
            backend: a.backend as never,
            threads: a.threads as number | undefined,
            seed: a.seed as number | undefined,
            stages: a.stages as number | undefined,
            depth: a.depth as number | undefined,
            timeMs: a['time-ms'] as number | undefined,
            exactEmpties: a['exact-empties'] as number | undefined,
            epsilon: a.epsilon as number | undefined,
            lambda: a.lambda as number | undefined,
            learningRate: a['learning-rate'] as number | undefined,
            learningRateEnd: a['learning-rate-end'] as number | undefined,
            learningRateDecayGames: a['learning-rate-decay-games'] as number | undefined,
            checkpointInterval: a['checkpoint-interval'] as number | undefined,
            checkpointMinutes: a['checkpoint-minutes'] as number | undefined,
            callbackInterval: a['callback-interval'] as number | undefined,
            compress: a.compress as boolean | undefined,
            compressionLevel: a['compression-level'] as number | undefined,
            keep: a.keep as number | undefined,
            keepEvery: a['keep-every'] as number | undefined,
            logLevel: a['log-level'] as never,
            tensorboard: a.tensorboard as boolean | undefined,
            storeGamesEvery: a['store-games-every'] as number | undefined,
            json: a.json as boolean | undefined,
            interval: a.interval as number | undefined,
          },
          io,
        ),
      ),
  );
};

/** `resume`, `pause`, `stop`, `status`, `monitor`: a run that exists. */
export const runSpec: Spec = (y, run, io) => {
  const wait = (what: string, dflt: number) =>
    ({
      describe: `seconds to wait for the trainer to ${what} (0: do not wait) [default: ${dflt}]`,
      coerce: decimal('wait', 0, 86_400),
      requiresArg: true,
    }) as const;
  return y
    .command(
      'resume',
      'continue a run: wakes a paused trainer, or trains a stopped run here',
      (c) =>
        trainingFlags(c)
          .option('run-dir', runDirOption)
          .option('games', gamesOption('new target, counted over the whole run'))
          .option('wait', wait('resume', 30))
          .example('$0 resume --run-dir runs/r1 --games 5000', 'train a finished run further'),
      (a) =>
        run(() =>
          resumeCommand(
            {
              runDir: a['run-dir'] as string,
              games: a.games as number | undefined,
              backend: a.backend as never,
              threads: a.threads as number | undefined,
              logLevel: a['log-level'] as never,
              compress: a.compress as boolean | undefined,
              compressionLevel: a['compression-level'] as number | undefined,
              keep: a.keep as number | undefined,
              keepEvery: a['keep-every'] as number | undefined,
              json: a.json as boolean | undefined,
              interval: a.interval as number | undefined,
              wait: a.wait as number | undefined,
            },
            io,
          ),
        ),
    )
    .command(
      'pause',
      'pause the run a live process trains (it saves a checkpoint and waits for resume)',
      (c) =>
        c
          .option('run-dir', runDirOption)
          .option('wait', wait('save', 60))
          .option('json', jsonOption),
      (a) =>
        run(() =>
          controlCommand(
            'pause',
            { runDir: a['run-dir'] as string, wait: a.wait as number, json: a.json as boolean },
            io,
          ),
        ),
    )
    .command(
      'stop',
      'stop the run a live process trains (it saves a checkpoint and exits)',
      (c) =>
        c
          .option('run-dir', runDirOption)
          .option('wait', wait('stop', 60))
          .option('json', jsonOption),
      (a) =>
        run(() =>
          controlCommand(
            'stop',
            { runDir: a['run-dir'] as string, wait: a.wait as number, json: a.json as boolean },
            io,
          ),
        ),
    )
    .command(
      'status',
      'one look at a run: state, games, games/s, latest checkpoint',
      (c) => c.option('run-dir', runDirOption).option('json', jsonOption),
      (a) =>
        run(() => statusCommand({ runDir: a['run-dir'] as string, json: a.json as boolean }, io)),
    )
    .command(
      'monitor',
      "follow a run's progress live (any process's run) until it ends or Ctrl-C",
      (c) =>
        c
          .option('run-dir', runDirOption)
          .option('once', { type: 'boolean', describe: 'print one snapshot and exit' })
          .option('interval', {
            describe: 'seconds between looks [default: 1]',
            coerce: decimal('interval', 0.05, 3600),
            requiresArg: true,
          })
          .option('wait-start', {
            describe: 'seconds to wait for a run to start in the directory [default: 30]',
            coerce: decimal('wait-start', 0, 86_400),
            requiresArg: true,
          })
          .option('json', { ...jsonOption, describe: 'metrics and status changes as JSON lines' }),
      (a) =>
        run(() =>
          monitorCommand(
            {
              runDir: a['run-dir'] as string,
              once: a.once as boolean | undefined,
              interval: a.interval as number | undefined,
              waitStart: a['wait-start'] as number | undefined,
              json: a.json as boolean | undefined,
            },
            io,
          ),
        ),
    );
};
