/** The line written every `statsEvery` games (default 100). Rates and averages cover `window`. */
export interface StatsEvent {
  /** Games completed in the run so far. */
  games: number;
  /** Games this line summarises (since the previous stats line). */
  window: number;
  avgDiscDiff: number;
  blackWinRate: number;
  whiteWinRate: number;
  drawRate: number;
  /** Games per second over the window. */
  gamesPerSecond: number;
  /** Time trained, including earlier sessions of a resumed run. */
  elapsedMs: number;
  /** The run's target, when known. */
  totalGames?: number | undefined;
  /** Estimated time left at the smoothed rate, when known. */
  etaMs?: number | undefined;
}

/** The line written every `detailedEvery` games (default 10,000): stats over that span plus details. */
export interface DetailedStatsEvent extends StatsEvent {
  /** E.g. a TelemetrySnapshot (convergence, memory, errors). Numeric leaves go to TensorBoard. */
  details: Record<string, unknown>;
}

export interface CheckpointSavedEvent {
  games: number;
  path: string;
  bytes?: number | undefined;
  durationMs?: number | undefined;
}

export interface CheckpointFailedEvent {
  games: number;
  path: string;
  error: string;
  /** True when the save will be retried (the policy retries once, then training goes on). */
  willRetry: boolean;
}

/** A weight that went non-finite or out of range. */
export interface DivergenceEvent {
  /** Pattern id (index or name). */
  pattern: number | string;
  stage: number;
  /** Index of the weight within the pattern's table. */
  index: number;
  /** The offending value (NaN and ±Infinity are written as strings in JSON). */
  value: number;
  games?: number | undefined;
  /** What was done about it; the policy resets NaN/Inf weights. */
  action?: 'reset' | 'none' | undefined;
}

export interface EtaEvent {
  games: number;
  totalGames: number;
  etaMs: number | undefined;
  gamesPerSecond: number | undefined;
}

export interface GameFailedEvent {
  game: number;
  kind: string;
  message: string;
}
