import { integer, oneOf } from '../args';
import { benchCommand } from '../commands/bench';
import { nboardCommand } from '../commands/nboard';
import { playCommand } from '../commands/play';
import { benchStrengthSpec } from './bench-strength';
import { backendOption, gamesOption, moveTimeOption, type Spec } from './shared';

/** `bench` (and `bench strength`), `play`, `nboard`. */
export const toolsSpec: Spec = (y, run, io) =>
  y
    .command(
      'bench',
      'time self-play, search, evaluation and a checkpoint round trip; prints JSON',
      (c) =>
        // bench's own flags are not global: `bench strength` has its own set.
        benchStrengthSpec(c, run, io)
          .option('backend', {
            describe: 'js, native or all [default: all]',
            coerce: oneOf('backend', ['all', 'js', 'native'] as const),
            requiresArg: true,
            global: false,
          })
          .option('games', {
            ...gamesOption('self-play games per backend [default: 2000 native, 300 js]'),
            global: false,
          })
          .option('threads', {
            coerce: integer('threads', 1, 256),
            requiresArg: true,
            global: false,
          })
          .option('search-depth', {
            coerce: integer('search-depth', 1, 20),
            requiresArg: true,
            global: false,
          })
          .option('quick', { type: 'boolean', describe: 'small sizes (seconds)', global: false })
          .option('checkpoint', {
            type: 'boolean',
            default: true,
            describe: 'time a checkpoint round trip',
            global: false,
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
            describe:
              "the engine's depth; with --move-time, its cap [default: 4, none with --move-time]",
          })
          .option(
            'move-time',
            moveTimeOption('seconds per engine move: iterative deepening, exact when it fits'),
          )
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
              moveTime: a['move-time'] as number | undefined,
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
            describe:
              'depth until the GUI sets one; with --move-time, the cap of timed searches [default: 4]',
          })
          .option(
            'move-time',
            moveTimeOption('seconds per move until the GUI sets a depth (which then wins)'),
          )
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
              moveTime: a['move-time'] as number | undefined,
              name: a.name as string | undefined,
              backend: a.backend as never,
            },
            io,
          ),
        ),
    );
