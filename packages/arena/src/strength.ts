import type { Engine } from '@prismind/board/contracts';
import { type EndgameAccuracy, endgameAccuracy } from './endgame-accuracy';
import { type EndgamePosition, loadEndgameSet } from './endgame-set';
import { runGauntlet } from './gauntlet';
import { leagueScore } from './league';
import { standardOpenings } from './openings';
import { wpcPlayer } from './players';
import type { Interval } from './stats';

export interface StrengthOptions {
  /** League games (1-ply model vs 1-ply standard WPC, ε = 0.1). Default 2,000. */
  leagueGames?: number | undefined;
  /** Seeds the League and the gauntlet. Default 1. */
  seed?: number | undefined;
  /** Openings of the depth-2 gauntlet vs the standard WPC, each with both colours. Default 60. */
  gauntletOpenings?: number | undefined;
  /** The solved positions. Default: the packaged set (loadEndgameSet()). */
  endgame?: readonly EndgamePosition[] | undefined;
}

/** A score with its 95% Wilson interval, over `games` games. */
export interface ScoreSummary {
  games: number;
  wins: number;
  draws: number;
  losses: number;
  score: number;
  interval: Interval;
  meanDiscDiff: number;
  seconds: number;
}

export interface StrengthReport {
  league: ScoreSummary;
  /** The depth-2 model against the standard WPC at depth 2, from the paired openings. */
  gauntlet: ScoreSummary & { depth: 2; elo: number; eloInterval: Interval };
  endgame: EndgameAccuracy & { seconds: number };
  /** All three, in seconds. */
  seconds: number;
}

const seconds = (ms: number) => ms / 1000;

/**
 * The strength of a model by three yardsticks: the Othello League score (leagueScore), the
 * depth-2 gauntlet against the standard WPC only (runGauntlet), and the accuracy on solved
 * endgames (endgameAccuracy). Small options (a few hundred League games, a few openings, a few
 * positions) make it fast enough for tests.
 */
export async function strengthReport(
  engine: Engine,
  options: StrengthOptions = {},
): Promise<StrengthReport> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  // Read the set first, so a missing file fails before minutes of games.
  const positions = options.endgame ?? loadEndgameSet();
  const league = await leagueScore({ engine, games: options.leagueGames ?? 2000, seed });
  const gauntlet = await runGauntlet({
    engine,
    depth: 2,
    opponents: [wpcPlayer({ depth: 2 })],
    openings: standardOpenings({ count: options.gauntletOpenings ?? 60 }),
    thresholds: {},
    seed,
  });
  const match = gauntlet.matches[0]!;
  const endgameStarted = performance.now();
  const endgame = await endgameAccuracy(engine, positions);
  const now = performance.now();
  return {
    league: {
      games: league.games,
      wins: league.wins,
      draws: league.draws,
      losses: league.losses,
      score: league.score,
      interval: league.interval,
      meanDiscDiff: league.meanDiscDiff,
      seconds: seconds(league.elapsedMs),
    },
    gauntlet: {
      depth: 2,
      games: match.games,
      wins: match.wins,
      draws: match.draws,
      losses: match.losses,
      score: match.score,
      interval: match.scoreInterval,
      elo: match.elo,
      eloInterval: match.eloInterval,
      meanDiscDiff: match.meanDiscDiff,
      seconds: seconds(match.elapsedMs),
    },
    endgame: { ...endgame, seconds: seconds(now - endgameStarted) },
    seconds: seconds(now - started),
  };
}
