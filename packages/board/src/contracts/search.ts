import { z } from 'zod';

/** Search limits: at least one of depth, timeMs, nodes. Iterative deepening stops at the first hit. */
export interface SearchLimits {
  depth?: number | undefined;
  timeMs?: number | undefined;
  nodes?: number | undefined;
  /** Solve exactly when the empties at the root are at most this (0 = never). */
  exactEmpties?: number | undefined;
}

export const searchLimitsSchema: z.ZodType<SearchLimits> = z
  .object({
    depth: z.number().int().min(1).max(60).optional(),
    timeMs: z.number().int().min(1).max(86_400_000).optional(),
    nodes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    exactEmpties: z.number().int().min(0).max(60).optional(),
  })
  .strict()
  .refine((l) => l.depth !== undefined || l.timeMs !== undefined || l.nodes !== undefined, {
    message: 'give at least one of depth, timeMs or nodes',
  });

/** How a search runs, besides its limits (docs/engine-spec.md, "Stopping a search"). */
export interface SearchOptions {
  /**
   * Aborting it stops the search: it settles promptly (well within 100 ms) with the result of the
   * last completed iteration, as if a time limit had passed; depth 1 always completes, so the move
   * is legal. An already-aborted signal gives the depth-1 result.
   */
  signal?: AbortSignal | undefined;
}

export interface SearchResult {
  /** Best move as a square 0..63, or -1 when the side to move must pass or the game is over. */
  move: number;
  /** Root value from the side to move's view, in discs. */
  score: number;
  /** Depth of the last completed iteration (empties for an exact solve). */
  depth: number;
  nodes: number;
  timeMs: number;
  /** True when the score is an exact endgame result. */
  exact: boolean;
  /** Principal variation (squares), possibly only the first move. */
  pv: number[];
}
