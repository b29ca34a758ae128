import { z } from 'zod';
import {
  DEFAULT_LEARNING_PARAMS,
  type LearningParams,
  type LearningParamsInput,
  learningParamsSchema,
} from './model';

/** How a self-play move is chosen when not exploring. */
export interface SelfPlaySearch {
  depth: number;
  /** A per-move time limit; makes games non-reproducible, so only when asked for. */
  timeMs?: number | undefined;
  exactEmpties: number;
}

/** One engine-level training batch: self-play games with TD(λ) updates (docs/engine-spec.md). */
export interface TrainBatchOptions {
  games: number;
  threads: number;
  seed: number;
  epsilon: number;
  search: SelfPlaySearch;
  learning: LearningParams;
  /** Call the progress callback after every this many games (0 = never). */
  progressEveryGames: number;
  /**
   * Keep the moves of every game whose number is a multiple of this (0 = none) in the result's
   * `sampledGames`: a run's stored games (docs/architecture.md, "The run directory").
   */
  recordEvery: number;
}

export interface TrainBatchOptionsInput {
  games: number;
  threads?: number | undefined;
  seed?: number | undefined;
  epsilon?: number | undefined;
  search?: Partial<SelfPlaySearch> | undefined;
  learning?: LearningParamsInput | undefined;
  progressEveryGames?: number | undefined;
  recordEvery?: number | undefined;
}

export const trainBatchOptionsSchema: z.ZodType<TrainBatchOptions, TrainBatchOptionsInput> = z
  .object({
    games: z.number().int().min(1).max(100_000_000),
    threads: z.number().int().min(1).max(256).default(1),
    seed: z.number().int().min(0).max(0xffff_ffff).default(1),
    epsilon: z.number().min(0).max(1).default(0.1),
    search: z
      .object({
        depth: z.number().int().min(1).max(20).default(1),
        timeMs: z.number().int().min(1).max(60_000).optional(),
        exactEmpties: z.number().int().min(0).max(30).default(0),
      })
      .strict()
      .default({ depth: 1, exactEmpties: 0 }),
    learning: learningParamsSchema.default({ ...DEFAULT_LEARNING_PARAMS }),
    progressEveryGames: z.number().int().min(0).default(100),
    recordEvery: z.number().int().min(0).max(100_000_000).default(0),
  })
  .strict();

/** Running totals of a batch, reported through the progress callback. */
export interface TrainProgress {
  gamesDone: number;
  gamesTarget: number;
  blackWins: number;
  whiteWins: number;
  draws: number;
  /** Mean final disc difference (black minus white) over the batch so far. */
  avgDiscDiff: number;
  elapsedMs: number;
}

/** A game that failed inside a batch: it was skipped, not learned from. */
export interface GameFailure {
  game: number;
  kind: string;
  message: string;
}

export interface TrainBatchResult {
  gamesCompleted: number;
  blackWins: number;
  whiteWins: number;
  draws: number;
  avgDiscDiff: number;
  avgAbsDiscDiff: number;
  /**
   * The batch's TD error, in discs: the mean over the learned games of each game's mean |E_k|,
   * E_k being the λ-return errors of its update (docs/engine-spec.md, "TD(λ) update"); 0 when no
   * game was learned. Both backends compute it identically (bit for bit with one thread).
   */
  avgTdError: number;
  movesPlayed: number;
  /** Weights reset by the NaN/Inf guard. */
  resets: number;
  /** Every game of the batch that failed (skipped, not learned from). */
  failedGames: number;
  /** A bounded sample of the failed games: the first 100 by game number. */
  failures: GameFailure[];
  seconds: number;
  /** True when a stop request ended the batch early. */
  stopped: boolean;
  /** The learned games numbered a multiple of `recordEvery`, by game number (empty when 0). */
  sampledGames: SampledGame[];
}

/** A self-play game kept from a batch: its number, its moves (squares, passes implicit), the score. */
export interface SampledGame {
  game: number;
  moves: number[];
  /** Final disc difference, black minus white (empties to the winner). */
  finalScore: number;
}

/** A recorded game to learn from (conformance, replays): moves as squares, passes implicit. */
export interface RecordedGame {
  moves: readonly number[];
}
