import { Position } from '@prismind/board';
import { type Engine, PrismindError } from '@prismind/board/contracts';
import { onePlyPlayer } from './engine-player';
import { type MatchGame, runMatch } from './match';
import type { Opening } from './openings';
import { epsilonPlayer, type GamePlayer, wpcOnePlyPlayer } from './players';
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
  /** The heuristic's table; default STANDARD_WPC, the published one. */
  table?: readonly number[] | undefined;
  /** Keep every game (colour, transcript, result) in the result. Default false. */
  keepGames?: boolean | undefined;
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
  /** The games, with keepGames. */
  records?: MatchGame[] | undefined;
}

const START: Opening = Object.freeze({ moves: [], transcript: '', position: Position.initial() });

/**
 * The Othello League protocol, the published yardstick for learned evaluators (S. M. Lucas and
 * T. P. Runarsson, IEEE CIG 2006): the model as a 1-ply player against the standard heuristic
 * weighted piece counter (STANDARD_WPC), also 1-ply, both playing a uniformly random move with
 * probability ε = 0.1, from the standard start, colours alternating (the model is black in even
 * games), scored win 1, draw ½, loss 0, with a 95% Wilson interval. Both sides choose by the same
 * rule (bestChildByValue), so only their evaluations differ. The random moves make games differ.
 */
export async function leagueScore(options: LeagueOptions): Promise<LeagueResult> {
  const inner = options.player ?? (options.engine && onePlyPlayer(options.engine));
  if (inner === undefined) {
    throw new PrismindError('INVALID_OPTIONS', 'leagueScore: give an engine (or a player)');
  }
  const epsilon = options.epsilon ?? 0.1;
  const result = await runMatch({
    player: epsilonPlayer(inner, epsilon),
    opponent: epsilonPlayer(wpcOnePlyPlayer({ table: options.table }), epsilon),
    openings: [START],
    games: options.games ?? 1000,
    seed: options.seed ?? 1,
    keepGames: options.keepGames,
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
    records: result.records,
  };
}
