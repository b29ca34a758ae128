import type { Argv } from 'yargs';
import { decimal, integer, oneOf } from '../args';
import {
  debugAnomaliesCommand,
  debugBoardCommand,
  debugCompareCommand,
  debugErrorsCommand,
  debugExportCsvCommand,
  debugPatternCommand,
  debugReplayCommand,
  debugTraceCommand,
} from '../commands/debug';
import type { CliIO } from '../io';
import { backendOption, jsonOption, type Run, type Spec } from './shared';

const positionFlags = (y: Argv): Argv =>
  y
    .option('moves', {
      type: 'string',
      requiresArg: true,
      describe: 'moves played from the start (or from --obf), e.g. f5d6c3',
    })
    .option('obf', {
      type: 'string',
      requiresArg: true,
      describe: 'a position as an OBF line: 64 of X O - then X or O to move',
    });

const modelFlags = (y: Argv): Argv =>
  y
    .option('checkpoint', {
      type: 'string',
      requiresArg: true,
      describe: 'a checkpoint file or a run directory (its newest checkpoint that loads)',
    })
    .option('run-dir', { type: 'string', requiresArg: true, describe: 'the run directory' });

type Args = Record<string, unknown>;
const source = (a: Args) => ({
  checkpoint: a.checkpoint as string | undefined,
  runDir: a['run-dir'] as string | undefined,
  backend: a.backend as never,
});
const position = (a: Args) => ({
  moves: a.moves as string | undefined,
  obf: a.obf as string | undefined,
});

/** `compare <a> <b>`: under `debug` and under `checkpoint`. */
export function compareCommand(y: Argv, run: Run, io: CliIO): Argv {
  return y.command(
    'compare <a> <b>',
    'what changed between two checkpoints, by pattern and stage',
    (c) =>
      c
        .positional('a', {
          type: 'string',
          describe: 'the older checkpoint (file or run directory)',
        })
        .positional('b', { type: 'string', describe: 'the newer one' })
        .option('top', {
          describe: 'blocks listed [default: 10]',
          coerce: integer('top', 0, 100_000),
          requiresArg: true,
        })
        .option('json', jsonOption),
    (a) =>
      run(() =>
        debugCompareCommand(
          {
            a: a.a as string,
            b: a.b as string,
            top: a.top as number | undefined,
            json: a.json as boolean,
          },
          io,
        ),
      ),
  );
}

/** `debug board|pattern|trace|compare|replay|export-csv|anomalies|errors` over @prismind/debug. */
export const debugSpec: Spec = (y, run, io) =>
  y.command(
    'debug <command>',
    'look inside a model or a run: boards, patterns, traces, diffs, ...',
    (d) =>
      compareCommand(d, run, io)
        .command(
          'board',
          'draw a position (ASCII; --svg writes a picture)',
          (c) =>
            positionFlags(c)
              .option('svg', {
                type: 'string',
                requiresArg: true,
                describe: 'also write an SVG file',
              })
              .option('highlight', {
                type: 'string',
                requiresArg: true,
                describe: 'squares to mark, e.g. a1,b1,c1',
              }),
          (a) =>
            run(() =>
              debugBoardCommand(
                {
                  ...position(a),
                  svg: a.svg as string | undefined,
                  highlight: a.highlight as string | undefined,
                },
                io,
              ),
            ),
        )
        .command(
          'pattern',
          "a pattern's squares, index and weights on a position",
          (c) =>
            modelFlags(positionFlags(c))
              .option('pattern', {
                type: 'string',
                demandOption: true,
                requiresArg: true,
                describe: 'a feature number 0..45 or a shape name (all its instances)',
              })
              .option('json', jsonOption),
          (a) =>
            run(() =>
              debugPatternCommand(
                {
                  ...source(a),
                  ...position(a),
                  pattern: String(a.pattern),
                  json: a.json as boolean,
                },
                io,
              ),
            ),
        )
        .command(
          'trace',
          'features, weights and eligibility traces of a position, alone or inside a game (--at)',
          (c) =>
            modelFlags(positionFlags(c))
              .option('at', {
                describe: 'the position of the game (0-based) to inspect',
                coerce: integer('at', 0, 200),
                requiresArg: true,
              })
              .option('lambda', {
                describe: 'TD(lambda) [default: 0.7]',
                coerce: decimal('lambda', 0, 1),
                requiresArg: true,
              })
              .option('json', jsonOption),
          (a) =>
            run(() =>
              debugTraceCommand(
                {
                  ...source(a),
                  ...position(a),
                  at: a.at as number | undefined,
                  lambda: a.lambda as number | undefined,
                  json: a.json as boolean,
                },
                io,
              ),
            ),
        )
        .command(
          'replay',
          'a game through the engine, move by move, with its best moves',
          (c) =>
            modelFlags(c)
              .option('moves', {
                type: 'string',
                requiresArg: true,
                describe: 'the game, e.g. f5d6c3...',
              })
              .option('game', {
                describe: "instead of --moves: the run's stored game of this number (games.jsonl)",
                coerce: integer('game', 0, Number.MAX_SAFE_INTEGER),
                requiresArg: true,
              })
              .conflicts('moves', 'game')
              .option('depth', {
                describe: 'search depth [default: 2]',
                coerce: integer('depth', 1, 20),
                requiresArg: true,
              })
              .option('boards', { type: 'boolean', describe: 'draw the board before every move' })
              .option('backend', backendOption)
              .option('json', jsonOption),
          (a) =>
            run(() =>
              debugReplayCommand(
                {
                  ...source(a),
                  moves: a.moves as string | undefined,
                  game: a.game as number | undefined,
                  depth: a.depth as number | undefined,
                  verbose: a.boards as boolean | undefined,
                  json: a.json as boolean,
                },
                io,
              ),
            ),
        )
        .command(
          'export-csv',
          'weights (of a checkpoint), metrics or errors (of a run) as CSV',
          (c) =>
            modelFlags(c)
              .option('kind', {
                describe: 'weights, metrics or errors',
                coerce: oneOf('kind', ['weights', 'metrics', 'errors'] as const),
                demandOption: true,
                requiresArg: true,
              })
              .option('out', {
                type: 'string',
                demandOption: true,
                requiresArg: true,
                describe: 'the CSV file to write',
              })
              .option('all', { type: 'boolean', describe: 'weights: zeros too' }),
          (a) =>
            run(() =>
              debugExportCsvCommand(
                {
                  ...source(a),
                  kind: a.kind as never,
                  out: a.out as string,
                  all: a.all as boolean | undefined,
                },
                io,
              ),
            ),
        )
        .command(
          'anomalies',
          'weights beyond a threshold and every NaN or infinite one',
          (c) =>
            modelFlags(c)
              .option('threshold', {
                describe: '|w| above this is reported [default: 50]',
                coerce: decimal('threshold', 0, Number.MAX_VALUE),
                requiresArg: true,
              })
              .option('limit', {
                describe: 'at most this many [default: 10000]',
                coerce: integer('limit', 1, 10_000_000),
                requiresArg: true,
              })
              .option('json', jsonOption),
          (a) =>
            run(() =>
              debugAnomaliesCommand(
                {
                  ...source(a),
                  threshold: a.threshold as number | undefined,
                  limit: a.limit as number | undefined,
                  json: a.json as boolean,
                },
                io,
              ),
            ),
        )
        .command(
          'errors',
          "a run's warnings and errors (logs/train.jsonl), grouped",
          (c) =>
            c
              .option('run-dir', {
                type: 'string',
                demandOption: true,
                requiresArg: true,
                describe: 'the run directory',
              })
              .option('json', jsonOption),
          (a) =>
            run(() =>
              debugErrorsCommand({ runDir: a['run-dir'] as string, json: a.json as boolean }, io),
            ),
        )
        .demandCommand(
          1,
          'debug: give a subcommand: board, pattern, trace, compare, replay, export-csv, anomalies or errors',
        ),
  );
