import { combineTallies, EMPTY_TALLY, type GameTally } from '@prismind/telemetry';

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
  private readonly parts: GameTally[] = [];
  private sum: GameTally = EMPTY_TALLY;

  constructor(windowGames = 1_000) {
    this.windowGames = windowGames;
  }

  add(part: GameTally): void {
    if (part.games <= 0) return;
    this.parts.push(part);
    this.sum = combineTallies(this.sum, part);
    while (this.parts.length > 1 && this.sum.games - this.parts[0]!.games >= this.windowGames) {
      this.sum = combineTallies(this.sum, this.parts.shift()!, -1);
    }
  }

  clear(): void {
    this.parts.length = 0;
    this.sum = EMPTY_TALLY;
  }

  /** The window's stats, merged with a batch in progress if given. */
  stats(extra?: GameTally): RecentStats {
    const s = extra === undefined ? this.sum : combineTallies(this.sum, extra);
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
