/** Outcomes of some games: the unit the window keeps. */
export interface GameTotals {
  games: number;
  blackWins: number;
  whiteWins: number;
  draws: number;
  discDiffSum: number;
}

export interface RecentStats {
  games: number;
  avgDiscDiff: number;
  blackWinRate: number;
  whiteWinRate: number;
  drawRate: number;
}

/**
 * Outcomes of about the last `windowGames` games, kept as whole batches: the oldest batch is
 * dropped once the rest still cover the window. Results and progress events report these
 * ("final disc difference, averaged over the last window").
 */
export class RecentGames {
  private readonly windowGames: number;
  private readonly parts: GameTotals[] = [];
  private sum: GameTotals = { games: 0, blackWins: 0, whiteWins: 0, draws: 0, discDiffSum: 0 };

  constructor(windowGames = 1_000) {
    this.windowGames = windowGames;
  }

  add(part: GameTotals): void {
    if (part.games <= 0) return;
    this.parts.push(part);
    this.sum = combine(this.sum, part, 1);
    while (this.parts.length > 1 && this.sum.games - this.parts[0]!.games >= this.windowGames) {
      this.sum = combine(this.sum, this.parts.shift()!, -1);
    }
  }

  clear(): void {
    this.parts.length = 0;
    this.sum = { games: 0, blackWins: 0, whiteWins: 0, draws: 0, discDiffSum: 0 };
  }

  /** The window's stats, merged with a batch in progress if given. */
  stats(extra?: GameTotals): RecentStats {
    const s = extra === undefined ? this.sum : combine(this.sum, extra, 1);
    const n = s.games;
    if (n === 0) return { games: 0, avgDiscDiff: 0, blackWinRate: 0, whiteWinRate: 0, drawRate: 0 };
    return {
      games: n,
      avgDiscDiff: s.discDiffSum / n,
      blackWinRate: s.blackWins / n,
      whiteWinRate: s.whiteWins / n,
      drawRate: s.draws / n,
    };
  }
}

function combine(a: GameTotals, b: GameTotals, sign: 1 | -1): GameTotals {
  return {
    games: a.games + sign * b.games,
    blackWins: a.blackWins + sign * b.blackWins,
    whiteWins: a.whiteWins + sign * b.whiteWins,
    draws: a.draws + sign * b.draws,
    discDiffSum: a.discDiffSum + sign * b.discDiffSum,
  };
}
