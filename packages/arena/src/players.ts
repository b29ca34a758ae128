import { flipsInto, type Position, popcount32 } from '@prismind/board';
import { PrismindError } from '@prismind/board/contracts';
import { Rng } from '@prismind/board';
import { AlphaBeta } from './alphabeta';
import { bestChildByValue } from './one-ply';
import { checkWpcTable, STANDARD_WPC, wpcEvaluator, wpcTableName, wpcValue } from './wpc';

/**
 * Anything that plays Othello: given a position where the side to move has a legal move, it
 * returns one of those moves as a square 0..63. Passes are handled by the game loop, never asked.
 */
export interface GamePlayer {
  /** A short stable name; gauntlet thresholds and reports use it (e.g. 'random', 'wpc'). */
  readonly name: string;
  /** A longer description for reports (depth, table, seed, ...). */
  readonly description?: string | undefined;
  choose(position: Position): number | Promise<number>;
  /**
   * Called before each game with a seed derived from the match seed and the game's number, so a
   * player's random choices depend on the game, not on how many games it played before.
   */
  newGame?(seed: number): void;
}

/** Seed handling shared by the players that draw random numbers. */
function seededRng(seed: number): Rng {
  return Rng.fromSplitmix(seed >>> 0);
}

/** Uniformly random legal moves, from its own seeded generator (reseeded by newGame). */
export function randomPlayer(
  options: { seed?: number | undefined; name?: string } = {},
): GamePlayer {
  let rng = seededRng(options.seed ?? 1);
  return {
    name: options.name ?? 'random',
    description: 'uniformly random legal moves',
    choose(position) {
      const moves = position.legalMoves();
      return moves[rng.nextInt(moves.length)]!;
    },
    newGame(seed) {
      rng = seededRng(seed);
    },
  };
}

/** Discs the side to move would flip by playing `square` (a legal move). */
function flipCount(position: Position, square: number, scratch: Int32Array): number {
  flipsInto(position.pLo, position.pHi, position.oLo, position.oHi, square, scratch, 0);
  return popcount32(scratch[0]!) + popcount32(scratch[1]!);
}

/**
 * Greedy: the move that flips the most discs, which is the move that leaves the mover the most
 * discs (1 + flips more than now). Ties go to the lowest square, so it is deterministic.
 */
export function greedyPlayer(options: { name?: string } = {}): GamePlayer {
  const scratch = new Int32Array(2);
  return {
    name: options.name ?? 'greedy',
    description: 'most discs after the move, ties by lowest square',
    choose(position) {
      let best = -1;
      let bestFlips = -1;
      for (const square of position.legalMoves()) {
        const flips = flipCount(position, square, scratch);
        if (flips > bestFlips) {
          bestFlips = flips;
          best = square;
        }
      }
      return best;
    },
  };
}

/** Options of wpcPlayer. */
export interface WpcPlayerOptions {
  /** Plies searched by alpha-beta (1 = pick the child with the best WPC value). Default 2. */
  depth?: number | undefined;
  /** 64 weights, a1..h8; default STANDARD_WPC (TEXTBOOK_WPC is the other named table). */
  table?: readonly number[] | undefined;
  name?: string | undefined;
}

/** Checks a search depth: an integer 1..20 (INVALID_OPTIONS). */
export function checkDepth(depth: number, who: string): number {
  if (!(Number.isInteger(depth) && depth >= 1 && depth <= 20)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `${who}: depth is ${String(depth)}; expected an integer 1..20`,
      { details: { depth } },
    );
  }
  return depth;
}

/**
 * The weighted piece counter searched to a fixed depth with alpha-beta; deterministic (ties go
 * to the lowest square). A finished game inside the search counts as a win or loss by its score.
 */
export function wpcPlayer(options: WpcPlayerOptions = {}): GamePlayer {
  const depth = checkDepth(options.depth ?? 2, 'wpcPlayer');
  const table = options.table ?? STANDARD_WPC;
  const search = new AlphaBeta(wpcEvaluator(table));
  return {
    name: options.name ?? 'wpc',
    description: `weighted piece counter (${wpcTableName(table)} table), alpha-beta depth ${depth}`,
    choose(position) {
      return search.bestMove(position.pLo, position.pHi, position.oLo, position.oHi, depth).move;
    },
  };
}

/**
 * The Othello League's heuristic player: the child with the best WPC value (default
 * STANDARD_WPC), no search and, unlike wpcPlayer({ depth: 1 }), no exact score for a finished
 * game or look past a pass: exactly the 1-ply rule the model plays by (bestChildByValue).
 */
export function wpcOnePlyPlayer(
  options: { table?: readonly number[] | undefined; name?: string | undefined } = {},
): GamePlayer {
  const table = checkWpcTable(options.table ?? STANDARD_WPC);
  return {
    name: options.name ?? 'wpc',
    description: `weighted piece counter (${wpcTableName(table)} table), 1-ply (best child value)`,
    choose: (position) => bestChildByValue(position, (child) => wpcValue(child.toCells(), table)),
  };
}

/**
 * With probability `epsilon` a uniformly random legal move, else `inner`'s move: the Othello
 * League's forced exploration, which turns deterministic players into a distribution of games.
 * Draws one number per move from its own generator, reseeded by newGame (and forwards newGame).
 */
export function epsilonPlayer(
  inner: GamePlayer,
  epsilon: number,
  options: { seed?: number | undefined } = {},
): GamePlayer {
  if (!(epsilon >= 0 && epsilon <= 1)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `epsilonPlayer: epsilon is ${String(epsilon)}; expected a number in [0, 1]`,
    );
  }
  let rng = seededRng(options.seed ?? 1);
  return {
    name: inner.name,
    description: `${inner.description ?? inner.name}, random move with probability ${epsilon}`,
    choose(position) {
      if (rng.nextFloat() < epsilon) {
        const moves = position.legalMoves();
        return moves[rng.nextInt(moves.length)]!;
      }
      return inner.choose(position);
    },
    newGame(seed) {
      rng = seededRng(seed);
      // the inner player gets a different stream from the same seed
      inner.newGame?.(Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) >>> 0);
    },
  };
}
