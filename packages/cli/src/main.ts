import yargs, { type Argv } from 'yargs';
import packageJson from '../package.json';
import { backendArg, decimal, integer, logLevelArg, oneOf } from './args';
import { benchCommand } from './commands/bench';
import {
  checkpointListCommand,
  checkpointPruneCommand,
  checkpointVerifyCommand,
} from './commands/checkpoint';
import { controlCommand } from './commands/control';
import { evaluateCommand } from './commands/evaluate';
import { monitorCommand } from './commands/monitor';
import { nboardCommand } from './commands/nboard';
import { playCommand } from './commands/play';
import { resumeCommand } from './commands/resume';
import { statusCommand } from './commands/status';
import { DEFAULT_TRAIN_GAMES, trainCommand } from './commands/train';
import { CliError, EXIT, oneLine, reportError } from './errors';
import { type CliIO, println } from './io';

type Task = () => Promise<number>;
type Run = (task: Task) => Promise<void>;

const MAX_GAMES = Number.MAX_SAFE_INTEGER;
const u32 = 0xffff_ffff;

const runDirOption = {
  type: 'string',
  demandOption: true,
  requiresArg: true,
  describe: 'the run directory',
} as const;
const jsonOption = { type: 'boolean', describe: 'machine-readable JSON output' } as const;
const backendOption = {
  describe: 'engine backend: auto (native when its binary loads, else js), native or js',
  coerce: backendArg,
  requiresArg: true,
} as const;

/** Flags that shape a training run (train; some of them on resume). */
function trainingFlags(y: Argv): Argv {
  return y
    .option('backend', backendOption)
    .option('threads', {
      describe: 'worker threads (1 is deterministic) [default: 1]',
      coerce: integer('threads', 1, 256),
      requiresArg: true,
    })
    .option('log-level', {
      describe: 'log level of logs/train.jsonl: debug, info, warn, error, silent [default: info]',
      coerce: logLevelArg,
      requiresArg: true,
    })
    .option('compress', {
      type: 'boolean',
      describe: 'DEFLATE-compress checkpoints [default: false]',
    })
    .option('compression-level', {
      describe: 'compression level 1..9 (implies --compress) [default: 1]',
      coerce: integer('compression-level', 1, 9),
      requiresArg: true,
    })
    .option('keep', {
      describe: 'checkpoints kept: the newest N [default: 5]',
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

function gamesOption(describe: string) {
  return { describe, coerce: integer('games', 1, MAX_GAMES), requiresArg: true } as const;
}

function trainCommandSpec(y: Argv, run: Run, io: CliIO): Argv {
  return y.command(
    'train',
    'start a new training run and follow it (Ctrl-C saves and exits 0)',
    (c) =>
      trainingFlags(c)
        .option('run-dir', runDirOption)
        .option('games', gamesOption(`games to train [default: ${DEFAULT_TRAIN_GAMES}]`))
        .option('seed', {
          describe: 'u32 seed of the run [default: random]',
          coerce: integer('seed', 0, u32),
          requiresArg: true,
        })
        .option('depth', {
          describe: 'self-play search depth [default: 1]',
          coerce: integer('depth', 1, 20),
          requiresArg: true,
        })
        .option('time-ms', {
          describe: 'per-move search time in ms (not reproducible)',
          coerce: integer('time-ms', 1, 60_000),
          requiresArg: true,
        })
        .option('exact-empties', {
          describe: 'solve endgames exactly at this many empties [default: 0]',
          coerce: integer('exact-empties', 0, 30),
          requiresArg: true,
        })
        .option('epsilon', {
          describe: 'exploration rate [default: 0.1]',
          coerce: decimal('epsilon', 0, 1),
          requiresArg: true,
        })
        .option('lambda', {
          describe: 'TD(lambda) [default: 0.7]',
          coerce: decimal('lambda', 0, 1),
          requiresArg: true,
        })
        .option('learning-rate', {
          describe: "Adam's learning rate [default: 0.005]",
          coerce: decimal('learning-rate', Number.MIN_VALUE, 10),
          requiresArg: true,
        })
        .option('checkpoint-interval', {
          describe: 'save a checkpoint every N games [default: 10000]',
          coerce: integer('checkpoint-interval', 1, 100_000_000),
          requiresArg: true,
        })
        .option('callback-interval', {
          describe: 'games per engine batch; progress at least this often [default: 100]',
          coerce: integer('callback-interval', 1, 1_000_000),
          requiresArg: true,
        })
        .option('stages', {
          describe: 'model stages [default: 30]',
          coerce: integer('stages', 1, 61),
          requiresArg: true,
          hidden: true,
        })
        .option('tensorboard', {
          type: 'boolean',
          describe: 'write TensorBoard event files [default: true]',
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
            checkpointInterval: a['checkpoint-interval'] as number | undefined,
            callbackInterval: a['callback-interval'] as number | undefined,
            compress: a.compress as boolean | undefined,
            compressionLevel: a['compression-level'] as number | undefined,
            keep: a.keep as number | undefined,
            keepEvery: a['keep-every'] as number | undefined,
            logLevel: a['log-level'] as never,
            tensorboard: a.tensorboard as boolean | undefined,
            json: a.json as boolean | undefined,
            interval: a.interval as number | undefined,
          },
          io,
        ),
      ),
  );
}

function runCommands(y: Argv, run: Run, io: CliIO): Argv {
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
}

function evaluateCommandSpec(y: Argv, run: Run, io: CliIO): Argv {
  return y.command(
    'evaluate <checkpoint>',
    'a gauntlet: the model against baselines and checkpoints, both colours of fixed openings',
    (c) =>
      c
        .positional('checkpoint', {
          type: 'string',
          describe: 'a .prsm file, or a run directory (its newest checkpoint)',
        })
        .option('opponent', {
          type: 'string',
          array: true,
          requiresArg: true,
          describe:
            'random, greedy, wpc or a checkpoint path; repeat for several [default: random greedy wpc]',
        })
        .option('games', gamesOption('games per opponent [default: 2 x openings]'))
        .option('depth', {
          describe: 'search depth of the model, checkpoint opponents and WPC [default: 2]',
          coerce: integer('depth', 1, 20),
          requiresArg: true,
        })
        .option('plies', {
          describe: 'opening length in plies [default: 4 (60 openings); 6 with --sprt]',
          coerce: integer('plies', 1, 8),
          requiresArg: true,
        })
        .option('openings', {
          describe: 'use only the first N openings',
          coerce: integer('openings', 1, 1_000_000),
          requiresArg: true,
        })
        .option('seed', {
          coerce: integer('seed', 0, u32),
          requiresArg: true,
          describe: 'match seed [default: 1]',
        })
        .option('backend', backendOption)
        .option('threshold', {
          type: 'string',
          array: true,
          requiresArg: true,
          describe:
            'promotion threshold name=score, e.g. random=0.9 or wpc=55% [default: random=85% wpc=60%]',
        })
        .option('league', { type: 'boolean', describe: 'also the Othello League score' })
        .option('league-games', {
          describe: 'games of the League protocol [default: 1000]',
          coerce: integer('league-games', 2, 100_000_000),
          requiresArg: true,
        })
        .option('sprt', {
          type: 'string',
          requiresArg: true,
          describe: 'elo0,elo1: stop each match when the SPRT decides (A/B)',
        })
        .option('strict', { type: 'boolean', describe: 'exit 3 when a threshold is missed' })
        .option('json', jsonOption)
        .example('$0 evaluate runs/r1 --opponent random --games 200 --depth 2', 'vs random')
        .example(
          '$0 evaluate new.prsm --opponent old.prsm --sprt 0,20 --games 3000',
          'A/B with early stopping',
        ),
    (a) =>
      run(() =>
        evaluateCommand(
          {
            checkpoint: a.checkpoint as string,
            opponents: a.opponent as string[] | undefined,
            games: a.games as number | undefined,
            depth: a.depth as number | undefined,
            plies: a.plies as number | undefined,
            openings: a.openings as number | undefined,
            seed: a.seed as number | undefined,
            backend: a.backend as never,
            thresholds: a.threshold as string[] | undefined,
            league: a.league as boolean | undefined,
            leagueGames: a['league-games'] as number | undefined,
            sprt: a.sprt as string | undefined,
            strict: a.strict as boolean | undefined,
            json: a.json as boolean | undefined,
          },
          io,
        ),
      ),
  );
}

function checkpointCommandSpec(y: Argv, run: Run, io: CliIO): Argv {
  return y.command('checkpoint <command>', 'list, verify, compare and prune checkpoints', (c) =>
    c
      .command(
        'list <dir>',
        'the checkpoints of a run (or of a checkpoints folder)',
        (s) => s.positional('dir', { type: 'string' }).option('json', jsonOption),
        (a) =>
          run(() => checkpointListCommand({ dir: a.dir as string, json: a.json as boolean }, io)),
      )
      .command(
        'verify <path>',
        'check a checkpoint file completely (exit 0 only when it is valid)',
        (s) => s.positional('path', { type: 'string' }).option('json', jsonOption),
        (a) =>
          run(() =>
            checkpointVerifyCommand({ path: a.path as string, json: a.json as boolean }, io),
          ),
      )
      .command(
        'prune <dir>',
        'apply retention now: keep the newest N (and every multiple of --keep-every)',
        (s) =>
          s
            .positional('dir', { type: 'string' })
            .option('keep', {
              describe: 'checkpoints to keep',
              coerce: integer('keep', 1, 1_000_000),
              requiresArg: true,
              demandOption: true,
            })
            .option('keep-every', {
              describe: 'also keep multiples of this many games',
              coerce: integer('keep-every', 0, MAX_GAMES),
              requiresArg: true,
            })
            .option('dry-run', { type: 'boolean', describe: 'only say what would be deleted' })
            .option('force', { type: 'boolean', describe: 'prune even while a trainer runs' })
            .option('json', jsonOption),
        (a) =>
          run(() =>
            checkpointPruneCommand(
              {
                dir: a.dir as string,
                keep: a.keep as number,
                keepEvery: a['keep-every'] as number | undefined,
                dryRun: a['dry-run'] as boolean | undefined,
                force: a.force as boolean | undefined,
                json: a.json as boolean | undefined,
              },
              io,
            ),
          ),
      )
      .demandCommand(1, 'checkpoint: give a subcommand: list, verify, compare or prune'),
  );
}

function otherCommands(y: Argv, run: Run, io: CliIO): Argv {
  return y
    .command(
      'bench',
      'time self-play, search, evaluation and a checkpoint round trip; prints JSON',
      (c) =>
        c
          .option('backend', {
            describe: 'js, native or all [default: all]',
            coerce: oneOf('backend', ['all', 'js', 'native'] as const),
            requiresArg: true,
          })
          .option(
            'games',
            gamesOption('self-play games per backend [default: 2000 native, 300 js]'),
          )
          .option('threads', { coerce: integer('threads', 1, 256), requiresArg: true })
          .option('search-depth', { coerce: integer('search-depth', 1, 20), requiresArg: true })
          .option('quick', { type: 'boolean', describe: 'small sizes (seconds)' })
          .option('checkpoint', {
            type: 'boolean',
            default: true,
            describe: 'time a checkpoint round trip',
          }),
      (a) =>
        run(() =>
          benchCommand(
            {
              backend: a.backend as string | undefined,
              games: a.games as number | undefined,
              threads: a.threads as number | undefined,
              searchDepth: a['search-depth'] as number | undefined,
              quick: a.quick as boolean | undefined,
              checkpoint: a.checkpoint as boolean,
            },
            io,
          ),
        ),
    )
    .command(
      'play',
      'play against a checkpoint in the terminal',
      (c) =>
        c
          .option('checkpoint', {
            type: 'string',
            demandOption: true,
            requiresArg: true,
            describe: 'a .prsm file or a run directory',
          })
          .option('color', {
            type: 'string',
            requiresArg: true,
            describe: 'your colour: black (moves first), white or random [default: black]',
          })
          .option('depth', {
            coerce: integer('depth', 1, 20),
            requiresArg: true,
            describe: "the engine's depth [default: 4]",
          })
          .option('exact-empties', {
            coerce: integer('exact-empties', 0, 30),
            requiresArg: true,
            describe: 'exact endgame from N empties [default: 12]',
          })
          .option('backend', backendOption),
      (a) =>
        run(() =>
          playCommand(
            {
              checkpoint: a.checkpoint as string,
              color: a.color as string | undefined,
              depth: a.depth as number | undefined,
              exactEmpties: a['exact-empties'] as number | undefined,
              backend: a.backend as never,
            },
            io,
          ),
        ),
    )
    .command(
      'nboard',
      'be an NBoard engine on stdin/stdout (for Othello GUIs and engine matches)',
      (c) =>
        c
          .option('checkpoint', {
            type: 'string',
            demandOption: true,
            requiresArg: true,
            describe: 'a .prsm file or a run directory',
          })
          .option('depth', {
            coerce: integer('depth', 1, 60),
            requiresArg: true,
            describe: 'depth until the GUI sets one [default: 4]',
          })
          .option('max-depth', {
            coerce: integer('max-depth', 1, 60),
            requiresArg: true,
            describe: "cap on the GUI's depth [default: 12]",
          })
          .option('exact-empties', {
            coerce: integer('exact-empties', 0, 30),
            requiresArg: true,
            describe: 'exact endgame from N empties [default: 10]',
          })
          .option('name', {
            type: 'string',
            requiresArg: true,
            describe: 'the name shown in the GUI',
          })
          .option('backend', backendOption),
      (a) =>
        run(() =>
          nboardCommand(
            {
              checkpoint: a.checkpoint as string,
              depth: a.depth as number | undefined,
              maxDepth: a['max-depth'] as number | undefined,
              exactEmpties: a['exact-empties'] as number | undefined,
              name: a.name as string | undefined,
              backend: a.backend as never,
            },
            io,
          ),
        ),
    );
}

/** Every command wired on a yargs instance (no parsing yet). */
export function buildParser(io: CliIO, run: Run): Argv {
  let y: Argv = yargs()
    .scriptName('prismind-cli')
    .usage('$0 <command> [options]')
    .option('verbose', {
      type: 'boolean',
      describe: 'stack traces of errors and protocol diagnostics',
    })
    .strict()
    .demandCommand(1, 'give a command')
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(packageJson.version)
    .wrap(Math.min(120, io.stdout.columns ?? 120))
    .epilogue(
      'Exit codes: 0 done, 1 failed (missing run, bad checkpoint, failed run), 2 bad command line, 3 evaluate --strict missed a threshold.',
    )
    .fail((message, error) => {
      // yargs goes on after fail() returns: throwing is what stops it. Errors of command handlers
      // never come here (run() catches them): this is the command line's fault (a coerce or a
      // validation), which yargs wraps in its own error type.
      if (error instanceof CliError) throw error;
      const text = error?.message ?? message ?? 'bad command line';
      throw new CliError('BAD_ARGUMENT', `${oneLine(text)} (see prismind-cli --help)`);
    });
  y = trainCommandSpec(y, run, io);
  y = runCommands(y, run, io);
  y = evaluateCommandSpec(y, run, io);
  y = checkpointCommandSpec(y, run, io);
  y = otherCommands(y, run, io);
  return y;
}

/**
 * Runs prismind-cli with `argv` (without node and the script) on `io`; resolves to the exit code.
 * Nothing here exits the process or throws: every error is reported as one line on stderr.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const cio: CliIO = { ...io, verbose: io.verbose === true || argv.includes('--verbose') };
  let code: number | undefined;
  const run: Run = async (task) => {
    try {
      code = await task();
    } catch (error) {
      code = reportError(error, cio);
    }
  };
  let output = '';
  try {
    await buildParser(cio, run).parseAsync([...argv], {}, (_error, _argv, text) => {
      output = text ?? '';
    });
  } catch (error) {
    code ??= reportError(error, cio);
  }
  if (output !== '') println(io.stdout, output);
  return code ?? EXIT.OK;
}
