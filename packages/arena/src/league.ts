import { Position } from '@prismind/board';
import { type Engine, PrismindError } from '@prismind/board/contracts';
import { onePlyPlayer } from './engine-player';
import { runMatch } from './match';
import type { Opening } from './openings';
import { epsilonPlayer, type GamePlayer, wpcPlayer } from './players';
import type { Interval, Wdl } from './stats';

export interface LeagueOptions {
  /** The model, played 1-ply (onePlyPlayer). */
  engine?: Engine | undefined;
  /** Or any player instead of an engine (played as given, ε added). */
  player?: GamePlayer | undefined;
  /** Default 1,000. Published figures use tens of thousands. */
  games?: number | undefined;
  /** Default 1. */
  seed?: number | undefined;
  /** Probability of a random move, both sides. Default 0.1. */
  epsilon?: number | undefined;
  /** The heuristic's table; default WPC_TABLE. */
  table?: readonly number[] | undefined;
}

export interface LeagueResult extends Wdl {
  games: number;
  /** Points per game: win 1, draw ½. */
  score: number;
  /** 95% Wilson interval of the score. */
  interval: Interval;
  /** Mean final disc difference from the model's view. */
  meanDiscDiff: number;
  elapsedMs: number;
}

const START: Opening = Object.freeze({ moves: [], transcript: '', position: Position.initial() });

/**
 * The Othello League protocol, the published yardstick for learned evaluators: the model as a
 * 1-ply player against the WPC heuristic (also 1-ply), both playing a uniformly random move with
 * probability ε = 0.1, from the standard start, colours alternating (the model is black in even
 * games), scored win 1, draw ½, loss 0. The random moves are what make the games differ.
 */
export async function leagueScore(options: LeagueOptions): Promise<LeagueResult> {
  const inner = options.player ?? (options.engine && onePlyPlayer(options.engine));
  if (inner === undefined) {
    throw new PrismindError('INVALID_OPTIONS', 'leagueScore: give an engine (or a player)');
  }
  const epsilon = options.epsilon ?? 0.1;
  const result = await runMatch({
    player: epsilonPlayer(inner, epsilon),
    opponent: epsilonPlayer(wpcPlayer({ depth: 1, table: options.table }), epsilon),
    openings: [START],
    games: options.games ?? 1000,
    seed: options.seed ?? 1,
  });
  return {
    games: result.games,
    wins: result.wins,
    draws: result.draws,
    losses: result.losses,
    score: result.score,
    interval: result.scoreInterval,
    meanDiscDiff: result.meanDiscDiff,
    elapsedMs: result.elapsedMs,
  };
}
