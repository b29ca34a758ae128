import { integer } from '../args';
import { evaluateCommand } from '../commands/evaluate';
import { backendOption, gamesOption, jsonOption, type Spec, U32 } from './shared';

/** `evaluate <checkpoint>`: the gauntlet, the League score, SPRT. */
export const evaluateSpec: Spec = (y, run, io) =>
  y.command(
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
            'random, greedy, wpc (the standard heuristic), wpc-textbook or a checkpoint path; repeat for several [default: random greedy wpc]',
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
          coerce: integer('seed', 0, U32),
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
