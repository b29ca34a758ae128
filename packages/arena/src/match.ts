import { PrismindError } from '@prismind/board/contracts';
import { Rng } from '@prismind/board';
import { playGame } from './game';
import { type Opening, standardOpenings } from './openings';
import type { GamePlayer } from './players';
import { type SprtOptions, type SprtState, resolveSprt, sprtStatus } from './sprt';
import {
  eloInterval,
  type Interval,
  meanInterval,
  scoreInterval,
  scoreOf,
  type Wdl,
} from './stats';

/** One game of a match, from the evaluated player's view. */
export interface MatchGame {
  /** 0-based number of the game in the match. */
  index: number;
  /** The opening's transcript. */
  opening: string;
  /** The evaluated player's colour: 1 black, 2 white. */
  color: 1 | 2;
  transcript: string;
  /** Final score, black minus white. */
  score: number;
  /** Final disc difference from the evaluated player's view. */
  discDiff: number;
  result: 'win' | 'draw' | 'loss';
}

export interface MatchOptions {
  /** The player being evaluated. */
  player: GamePlayer;
  opponent: GamePlayer;
  /** Default: standardOpenings() (the 60 four-ply classes). */
  openings?: readonly Opening[] | undefined;
  /**
   * Games to play (with sprt: at most). Default 2 × openings: each opening once with each colour.
   * Beyond that the openings are reused (games 2k and 2k+1 use opening k mod the count);
   * deterministic players then repeat their games, so give random players or more openings.
   */
  games?: number | undefined;
  /** Seeds the players' newGame (game i gets values drawn from Rng.forGame(seed, i)). Default 1. */
  seed?: number | undefined;
  /** Stop early when the SPRT decides (checked after each pair of games: one opening, both colours). */
  sprt?: SprtOptions | undefined;
  /** Keep every game in the result (transcripts). Default false. */
  keepGames?: boolean | undefined;
  onGame?: ((game: MatchGame, totals: Wdl) => void) | undefined;
}

export interface MatchResult extends Wdl {
  player: string;
  opponent: string;
  opponentDescription: string;
  games: number;
  /** Points per game (win 1, draw ½). */
  score: number;
  /** 95% Wilson interval of the score. */
  scoreInterval: Interval;
  /** Elo difference (player minus opponent) and its 95% interval (the score interval mapped). */
  elo: number;
  eloInterval: Interval;
  /** Mean final disc difference from the player's view, with a 95% normal interval. */
  meanDiscDiff: number;
  discDiffInterval: Interval;
  /** The SPRT's last state when one was asked for. */
  sprt?: SprtState | undefined;
  /** True when the SPRT stopped the match before `games`. */
  stoppedEarly: boolean;
  elapsedMs: number;
  records?: MatchGame[] | undefined;
}

function checkGames(games: number): number {
  if (!(Number.isInteger(games) && games >= 1 && games <= 100_000_000)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `match: games is ${String(games)}; expected an integer 1..100,000,000`,
      { details: { games } },
    );
  }
  return games;
}

/** Plays game `index` of a match: opening index >> 1, the player black on even games. */
async function playOne(
  o: MatchOptions,
  openings: readonly Opening[],
  seed: number,
  index: number,
): Promise<MatchGame> {
  const opening = openings[(index >> 1) % openings.length]!;
  const color: 1 | 2 = index % 2 === 0 ? 1 : 2;
  const rng = Rng.forGame(seed, index);
  o.player.newGame?.(rng.next());
  o.opponent.newGame?.(rng.next());
  const [black, white] = color === 1 ? [o.player, o.opponent] : [o.opponent, o.player];
  const game = await playGame(black, white, opening.position, opening.moves);
  const discDiff = color === 1 ? game.score : -game.score;
  const result = discDiff > 0 ? 'win' : discDiff < 0 ? 'loss' : 'draw';
  return {
    index,
    opening: opening.transcript,
    color,
    transcript: game.transcript,
    score: game.score,
    discDiff,
    result,
  };
}

/** Plays a match between two players and sums it up (see MatchOptions). */
export async function runMatch(options: MatchOptions): Promise<MatchResult> {
  const started = performance.now();
  const openings = options.openings ?? standardOpenings();
  if (openings.length === 0) {
    throw new PrismindError('INVALID_OPTIONS', 'match: openings is empty; give at least one');
  }
  const games = checkGames(options.games ?? 2 * openings.length);
  const sprt = options.sprt === undefined ? undefined : resolveSprt(options.sprt);
  const seed = (options.seed ?? 1) >>> 0;
  const wdl: Wdl = { wins: 0, draws: 0, losses: 0 };
  const diffs: number[] = [];
  const records: MatchGame[] = [];
  let state: SprtState | undefined;
  for (let i = 0; i < games; i++) {
    const game = await playOne(options, openings, seed, i);
    if (game.result === 'win') wdl.wins++;
    else if (game.result === 'loss') wdl.losses++;
    else wdl.draws++;
    diffs.push(game.discDiff);
    if (options.keepGames) records.push(game);
    options.onGame?.(game, { ...wdl });
    if (sprt !== undefined && (i % 2 === 1 || i === games - 1)) {
      state = sprtStatus(wdl, sprt);
      if (state.decision !== null) break;
    }
  }
  return summarize(options, wdl, diffs, state, records, games, performance.now() - started);
}

function summarize(
  options: MatchOptions,
  wdl: Wdl,
  diffs: number[],
  sprt: SprtState | undefined,
  records: MatchGame[],
  planned: number,
  elapsedMs: number,
): MatchResult {
  const elo = eloInterval(wdl);
  const disc = meanInterval(diffs);
  return {
    player: options.player.name,
    opponent: options.opponent.name,
    opponentDescription: options.opponent.description ?? options.opponent.name,
    games: diffs.length,
    ...wdl,
    score: scoreOf(wdl),
    scoreInterval: scoreInterval(wdl),
    elo: elo.elo,
    eloInterval: elo.interval,
    meanDiscDiff: disc.mean,
    discDiffInterval: disc.interval,
    sprt,
    stoppedEarly: diffs.length < planned,
    elapsedMs,
    records: options.keepGames ? records : undefined,
  };
}
