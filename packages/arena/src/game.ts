import { movesToTranscript, type Position, SQUARE_NAMES } from '@prismind/board';
import { PrismindError } from '@prismind/board/contracts';
import type { GamePlayer } from './players';

/** How one game went. */
export interface PlayedGame {
  /** Every move from the standard start (opening included), passes implicit. */
  moves: number[];
  transcript: string;
  /** Final score, black minus white, empties to the winner. */
  score: number;
  /** Moves chosen by the players (the opening's moves not counted). */
  plies: number;
}

/** The move a player returned, checked: a legal square, else ILLEGAL_MOVE naming the player. */
async function askMove(player: GamePlayer, position: Position): Promise<number> {
  const square = await player.choose(position);
  if (!(Number.isInteger(square) && square >= 0 && square < 64 && position.isLegal(square))) {
    const legal = position.legalMoves();
    throw new PrismindError(
      'ILLEGAL_MOVE',
      `player ${player.name} chose ${String(square)} in ${position.toObf()}; legal moves: ${legal
        .map((s) => SQUARE_NAMES[s])
        .join(' ')}`,
      { details: { player: player.name, square, legal, position: position.toObf() } },
    );
  }
  return square;
}

/**
 * Plays one game from `start` (reached by `openingMoves` from the standard start) to the end.
 * Passes are played by the loop; a player is only asked when it has a legal move.
 */
export async function playGame(
  black: GamePlayer,
  white: GamePlayer,
  start: Position,
  openingMoves: readonly number[] = [],
): Promise<PlayedGame> {
  const moves = [...openingMoves];
  let position = start;
  let plies = 0;
  while (!position.isGameOver()) {
    if (position.mustPass()) {
      position = position.pass();
      continue;
    }
    const square = await askMove(position.player === 1 ? black : white, position);
    moves.push(square);
    position = position.play(square);
    plies++;
  }
  return { moves, transcript: movesToTranscript(moves), score: position.score(), plies };
}
