import { type Position, parseTranscript, replayMoves, SQUARE_NAMES } from '@prismind/board';
import type { Engine } from '@prismind/board/contracts';
import { boardToAscii } from './board-view';
import { DebugError } from './errors';

export interface ReplayOptions {
  /** Search depth for the best move at each ply. Default 2. */
  depth?: number | undefined;
  /** Add a board picture to every ply and the whole report as `text`. */
  verbose?: boolean | undefined;
  /** Receives the report's lines as they are made (verbose or not). */
  log?: ((line: string) => void) | undefined;
}

/** One move of the game with the engine's view of the position before it. */
export interface ReplayPly {
  /** 0-based number of the move (passes are not moves). */
  ply: number;
  /** 1 black, 2 white: who moved. */
  player: 1 | 2;
  /** The position before the move (OBF). */
  obf: string;
  /** Static evaluation before the move, black's view (discs). */
  evaluation: number;
  /** The engine's best move at `depth` (a square) and its score from the mover's view. */
  bestMove: number;
  bestScore: number;
  played: number;
  /** True when the move played is the engine's best move. */
  agrees: boolean;
  /** The board before the move (verbose only). */
  board?: string | undefined;
}

export interface ReplayResult {
  moves: number[];
  depth: number;
  plies: ReplayPly[];
  finished: boolean;
  /** Black minus white, empties to the winner, when the game is over; else the plain count. */
  finalScore: number;
  /** How often the moves played were the engine's best. */
  agreement: number;
  /** The report (verbose only). */
  text?: string | undefined;
}

function line(p: ReplayPly): string {
  const who = p.player === 1 ? 'X' : 'O';
  const sign = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
  const mark = p.agrees ? '' : ` (best ${SQUARE_NAMES[p.bestMove]} ${sign(p.bestScore)})`;
  return `${String(p.ply + 1).padStart(2)}. ${who} ${SQUARE_NAMES[p.played]}  eval ${sign(p.evaluation)}${mark}`;
}

async function plyOf(
  engine: Engine,
  position: Position,
  ply: number,
  played: number,
  options: ReplayOptions & { depth: number },
): Promise<ReplayPly> {
  const cells = position.toCells();
  const evaluation = engine.evaluate(cells, position.player);
  const best = await engine.search(cells, position.player, { depth: options.depth });
  return {
    ply,
    player: position.player,
    obf: position.toObf(),
    evaluation,
    bestMove: best.move,
    bestScore: best.score,
    played,
    agrees: best.move === played,
    board: options.verbose ? boardToAscii(cells, { player: position.player }) : undefined,
  };
}

/**
 * Replays a game (squares or a transcript, passes implicit) and asks the engine, at every move,
 * for its static evaluation and its best move at `depth`. The moves must be legal (ILLEGAL_MOVE
 * otherwise); they need not finish the game.
 */
export async function replayGame(
  engine: Engine,
  moves: readonly number[] | string,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const depth = options.depth ?? 2;
  if (!(Number.isInteger(depth) && depth >= 1 && depth <= 60)) {
    throw new DebugError('DEBUG_INVALID_INPUT', `depth is ${String(depth)}; expected 1..60`);
  }
  const game = replayMoves(typeof moves === 'string' ? parseTranscript(moves) : moves);
  const text: string[] = [];
  const say = (s: string): void => {
    if (options.verbose) text.push(s);
    options.log?.(s);
  };
  const plies: ReplayPly[] = [];
  for (let i = 0; i < game.positions.length; i++) {
    const p = await plyOf(engine, game.positions[i]!, i, game.moves[i]!, { ...options, depth });
    plies.push(p);
    if (p.board !== undefined) say(p.board);
    say(line(p));
  }
  const finished = game.final.isGameOver();
  const finalScore = finished ? game.final.score() : game.final.discDifference();
  say(
    `${finished ? 'final score' : 'not finished; disc difference'} ${finalScore} (black minus white)`,
  );
  const agreement = plies.length === 0 ? 0 : plies.filter((p) => p.agrees).length / plies.length;
  return {
    moves: game.moves,
    depth,
    plies,
    finished,
    finalScore,
    agreement,
    text: options.verbose ? text.join('\n') : undefined,
  };
}
