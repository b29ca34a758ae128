import { TRAINING_STAGES } from '@prismind/trainer';
import type { Argv } from 'yargs';
import { decimal, integer } from '../args';
import { benchStrengthCommand, DEFAULT_STRENGTH_GAMES } from '../commands/bench-strength';
import type { CliIO } from '../io';
import { backendOption, gamesOption, type Run, selfPlayFlags, U32 } from './shared';

/** `bench strength`: a learning curve anyone can rerun. */
export function benchStrengthSpec(y: Argv, run: Run, io: CliIO): Argv {
  return y.command(
    'strength',
    'train a fresh model and measure it at evenly spaced points (League, gauntlet vs WPC, endgames); prints JSON',
    (c) =>
      selfPlayFlags(c)
        .option('games', gamesOption(`games to train [default: ${DEFAULT_STRENGTH_GAMES}]`))
        .option('minutes', {
          describe:
            'train this many minutes instead (evaluation time not counted); the learning rate then decays over the minutes unless --learning-rate-decay-games is given',
          coerce: decimal('minutes', 0.001, 10_080),
          requiresArg: true,
          conflicts: 'games',
        })
        .option('points', {
          describe: 'measurements, evenly spaced, the last at the end [default: 5]',
          coerce: integer('points', 1, 1000),
          requiresArg: true,
        })
        .option('league-games', {
          describe: 'League games per point (1-ply vs 1-ply standard WPC, ε 0.1) [default: 2000]',
          coerce: integer('league-games', 1, 1_000_000),
          requiresArg: true,
        })
        .option('gauntlet-openings', {
          describe: 'openings of the depth-2 gauntlet vs WPC, both colours [default: 60]',
          coerce: integer('gauntlet-openings', 1, 60),
          requiresArg: true,
        })
        .option('endgame-set', {
          type: 'string',
          requiresArg: true,
          describe: "a solved endgame set [default: @prismind/arena's data/endgame-set.txt]",
        })
        .option('endgame-count', {
          describe: 'measure only the first N positions of the set',
          coerce: integer('endgame-count', 1, 10_000_000),
          requiresArg: true,
        })
        .option('backend', backendOption)
        .option('threads', {
          describe: 'self-play worker threads (1 is deterministic) [default: 1]',
          coerce: integer('threads', 1, 256),
          requiresArg: true,
        })
        .option('seed', {
          describe: 'u32 seed of training and evaluation [default: 1]',
          coerce: integer('seed', 0, U32),
          requiresArg: true,
        })
        .option('stages', {
          describe: `model stages [default: ${TRAINING_STAGES}]`,
          coerce: integer('stages', 1, 61),
          requiresArg: true,
        })
        .option('out', {
          type: 'string',
          requiresArg: true,
          describe: 'also write strength.json and strength.svg (the learning curve) here',
        })
        .example(
          '$0 bench strength --minutes 5 --points 5 --out bench-out',
          'the default settings for 5 minutes',
        ),
    (a) =>
      run(() =>
        benchStrengthCommand(
          {
            games: a.games as number | undefined,
            minutes: a.minutes as number | undefined,
            points: a.points as number | undefined,
            leagueGames: a['league-games'] as number | undefined,
            gauntletOpenings: a['gauntlet-openings'] as number | undefined,
            endgameSet: a['endgame-set'] as string | undefined,
            endgameCount: a['endgame-count'] as number | undefined,
            backend: a.backend as never,
            threads: a.threads as number | undefined,
            seed: a.seed as number | undefined,
            stages: a.stages as number | undefined,
            depth: a.depth as number | undefined,
            exactEmpties: a['exact-empties'] as number | undefined,
            epsilon: a.epsilon as number | undefined,
            lambda: a.lambda as number | undefined,
            learningRate: a['learning-rate'] as number | undefined,
            learningRateEnd: a['learning-rate-end'] as number | undefined,
            learningRateDecayGames: a['learning-rate-decay-games'] as number | undefined,
            out: a.out as string | undefined,
          },
          io,
        ),
      ),
  );
}
