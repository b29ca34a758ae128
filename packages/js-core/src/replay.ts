import { PrismindError, SQUARE_NAMES } from '@prismind/board';
import type { GameState } from './game';

/**
 * Replay a recorded game for learnFromGame (docs/engine-spec.md, "Replaying a recorded game"):
 * squares 0..63 from the standard start, passes implicit; a position is recorded wherever a move is
 * read, exactly as in self-play. The list must be one complete game: a square outside 0..63 is
 * INVALID_SQUARE; an illegal move, a move after the game is over, or a list that ends before the
 * game is over is ILLEGAL_MOVE. Moves are checked in order (the first problem is reported, as the
 * Rust core does). Only `game` (scratch) changes, so on error the model is untouched.
 */
export function replayGame(game: GameState, moves: unknown, stageBase: Int32Array): void {
  if (!Array.isArray(moves)) {
    throw new PrismindError(
      'INVALID_SQUARE',
      `moves is ${moves === null ? 'null' : typeof moves}; expected an array of squares 0..63`,
    );
  }
  game.reset();
  for (let i = 0; i < moves.length; i++) {
    const value: unknown = moves[i];
    while (!game.legalMoves()) {
      if (!game.opponentCanMove()) {
        throw new PrismindError(
          'ILLEGAL_MOVE',
          `move ${i} (${show(value)}) comes after the game ended; expected ${i} moves`,
          { details: { index: i, square: value } },
        );
      }
      game.pass();
    }
    if (!(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 63)) {
      throw new PrismindError(
        'INVALID_SQUARE',
        `move ${i} is ${show(value)}; expected a square 0..63`,
        {
          details: { index: i, value },
        },
      );
    }
    const sq = value as number;
    if (!game.isLegal(sq)) {
      throw new PrismindError(
        'ILLEGAL_MOVE',
        `move ${i} (${SQUARE_NAMES[sq]}) is not legal for ${game.black ? 'black' : 'white'}`,
        { details: { index: i, square: sq } },
      );
    }
    game.record(stageBase);
    game.play(sq);
  }
  if (game.legalMoves()) {
    throw notOver(moves.length, game.black);
  }
  if (game.opponentCanMove()) throw notOver(moves.length, !game.black);
}

function notOver(count: number, black: boolean): PrismindError {
  return new PrismindError(
    'ILLEGAL_MOVE',
    `the game is not over after ${count} moves (${black ? 'black' : 'white'} to move has legal moves); expected a complete game`,
    { details: { moves: count } },
  );
}

function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? typeof value);
}
