import { type MatchOptions, type MatchResult, runMatch } from './match';
import { standardOpenings } from './openings';
import type { GamePlayer } from './players';
import type { SprtOptions } from './sprt';

export interface SprtMatchOptions extends SprtOptions {
  /** Candidate (A): H1 says it is elo1 stronger than B. */
  a: GamePlayer;
  b: GamePlayer;
  /**
   * Default standardOpenings({ plies: 6 }): 1,773 openings, so two deterministic engines play
   * up to 3,546 different games before any repeats.
   */
  openings?: MatchOptions['openings'];
  /** At most this many games (default: 2 × openings). */
  maxGames?: number | undefined;
  seed?: number | undefined;
  onGame?: MatchOptions['onGame'];
}

/**
 * An A/B comparison that stops as soon as the SPRT decides (or at maxGames, undecided): sprt.decision
 * is 'H1' when A is at least elo1 stronger, 'H0' when it is at most elo0, null when undecided.
 */
export function sprtMatch(options: SprtMatchOptions): Promise<MatchResult> {
  const { a, b, elo0, elo1, alpha, beta } = options;
  return runMatch({
    player: a,
    opponent: b,
    openings: options.openings ?? standardOpenings({ plies: 6 }),
    games: options.maxGames,
    seed: options.seed,
    sprt: { elo0, elo1, alpha, beta },
    onGame: options.onGame,
  });
}
