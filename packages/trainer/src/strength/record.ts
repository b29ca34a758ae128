/** One measurement, as metrics.jsonl, status.json and the progress view carry it. */
export interface StrengthRecord {
  games: number;
  /** Othello League score with its 95% interval. */
  league: { score: number; low: number; high: number; games: number };
  /** Solved endgames: mean absolute error (discs), 1-ply and depth-4 best-move rates. */
  endgame: { mae: number; onePlyBestRate: number; depth4BestRate: number; positions: number };
  /** What the measurement cost. */
  seconds: number;
}
