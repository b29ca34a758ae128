import { integer } from '../args';
import {
  checkpointListCommand,
  checkpointPruneCommand,
  checkpointVerifyCommand,
} from '../commands/checkpoint';
import { compareCommand } from './debug';
import { jsonOption, MAX_GAMES, type Spec } from './shared';

/** `checkpoint list|verify|compare|prune`. */
export const checkpointSpec: Spec = (y, run, io) =>
  y.command('checkpoint <command>', 'list, verify, compare and prune checkpoints', (c) =>
    compareCommand(c, run, io)
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
