/** Outcome counts over some games (a batch, or the games since the last call). */
export interface GameTally {
  games: number;
  blackWins: number;
  whiteWins: number;
  draws: number;
  /** Sum of the final disc differences (black minus white) over these games. */
  discDiffSum: number;
}

/** No games yet. */
export const EMPTY_TALLY: Readonly<GameTally> = Object.freeze({
  games: 0,
  blackWins: 0,
  whiteWins: 0,
  draws: 0,
  discDiffSum: 0,
});

/**
 * `a + b` field by field, or `a - b` with `sign` -1 (a sliding window drops its oldest part so).
 * Returns a new tally.
 */
export function combineTallies(a: GameTally, b: GameTally, sign: 1 | -1 = 1): GameTally {
  return {
    games: a.games + sign * b.games,
    blackWins: a.blackWins + sign * b.blackWins,
    whiteWins: a.whiteWins + sign * b.whiteWins,
    draws: a.draws + sign * b.draws,
    discDiffSum: a.discDiffSum + sign * b.discDiffSum,
  };
}
