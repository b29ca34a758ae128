import { type Position, replayMoves, squareToName } from '@prismind/board';
import { isPrismindError } from '@prismind/board/contracts';
import type { LoadedCheckpoint } from './checkpoints';
import { badRequest, DashboardError } from './errors';
import { type BoardView, boardView, evaluateFor } from './positions';

/**
 * A game against a checkpoint, kept by the page (stateless here): each request carries the moves so
 * far, the human's colour and the human's move, the server checks all of it, plays the model's
 * replies (several when the human must pass) and answers with the new position.
 */
export interface PlayRequest {
  checkpoint: string;
  /** The game so far, squares with passes implicit. */
  moves: number[];
  human: 'black' | 'white';
  /** The human's move, or null to let the model move (the model opens when the human is white). */
  move: number | null;
  /** The model's search depth. */
  depth: number;
}

export interface ModelMove {
  move: number;
  moveName: string;
  /** The search's value of the move, black's view, in discs. */
  eval: number;
  depth: number;
}

export interface PlayAnswer extends BoardView {
  moves: number[];
  modelMoves: ModelMove[];
  /** The model's static evaluation of the position now, black's view. */
  eval: number;
  gameOver: boolean;
  /** Final score (black minus white) once the game is over. */
  score: number | null;
  checkpoint: { name: string; games: number };
}

export const MAX_PLAY_DEPTH = 8;

/** Checks a play request's shape (400 with the field that is wrong). */
export function parsePlayRequest(body: unknown): PlayRequest {
  const b = body as Partial<Record<keyof PlayRequest, unknown>> | null;
  if (typeof b !== 'object' || b === null) throw badRequest('expected a JSON object');
  const moves = b.moves ?? [];
  if (!Array.isArray(moves) || moves.length > 60 || !moves.every(isSquareNumber)) {
    throw badRequest('moves: expected an array of at most 60 squares (integers 0..63)');
  }
  if (b.human !== 'black' && b.human !== 'white')
    throw badRequest('human: expected "black" or "white"');
  const move = b.move ?? null;
  if (move !== null && !isSquareNumber(move))
    throw badRequest('move: expected a square 0..63 or null');
  const depth = b.depth ?? 3;
  if (!Number.isInteger(depth) || (depth as number) < 1 || (depth as number) > MAX_PLAY_DEPTH) {
    throw badRequest(`depth: expected an integer 1..${MAX_PLAY_DEPTH}`);
  }
  const checkpoint = b.checkpoint ?? 'latest';
  if (typeof checkpoint !== 'string')
    throw badRequest('checkpoint: expected a file name or "latest"');
  return { checkpoint, moves, human: b.human, move, depth: depth as number };
}

function isSquareNumber(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 63;
}

/** Passes for the side to move when it has no move (passes are implicit in `moves`). */
function settle(position: Position): Position {
  return position.mustPass() ? position.pass() : position;
}

function replayGiven(moves: number[]): Position {
  try {
    return settle(replayMoves(moves).final);
  } catch (error) {
    if (isPrismindError(error)) throw badRequest(`moves: ${error.message}`);
    throw error;
  }
}

export async function playTurn(request: PlayRequest, model: LoadedCheckpoint): Promise<PlayAnswer> {
  const humanColour = request.human === 'black' ? 1 : 2;
  const moves = [...request.moves];
  let position = replayGiven(moves);
  if (request.move !== null) {
    if (position.isGameOver()) throw illegal(request.move, position, 'the game is over');
    if (position.player !== humanColour)
      throw illegal(request.move, position, 'it is the model’s turn');
    if (!position.isLegal(request.move)) throw illegal(request.move, position, 'not a legal move');
    position = settle(position.play(request.move));
    moves.push(request.move);
  }
  const modelMoves: ModelMove[] = [];
  while (!position.isGameOver() && position.player !== humanColour) {
    const found = await model.engine.search(position.toCells(), position.player, {
      depth: request.depth,
    });
    const blackView = position.player === 1 ? found.score : -found.score;
    modelMoves.push({
      move: found.move,
      moveName: squareToName(found.move),
      eval: blackView,
      depth: found.depth,
    });
    position = settle(position.play(found.move));
    moves.push(found.move);
  }
  const over = position.isGameOver();
  return {
    ...boardView(position),
    moves,
    modelMoves,
    eval: over ? position.score() : evaluateFor(model.engine, position),
    gameOver: over,
    score: over ? position.score() : null,
    checkpoint: { name: model.name, games: model.games },
  };
}

function illegal(square: number, position: Position, why: string): DashboardError {
  const legal = position.legalMoves();
  return new DashboardError(
    'DASHBOARD_ILLEGAL_MOVE',
    `${squareToName(square)}: ${why}; legal moves: ${legal.map(squareToName).join(' ') || 'none'}`,
    { details: { square, legal } },
  );
}
