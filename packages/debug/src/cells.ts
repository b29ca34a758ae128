import { Position, parseCells, parsePlayer } from '@prismind/board';
import type { CellsInput, Player } from '@prismind/board/contracts';

/** 64 cells checked by the board's rules (INVALID_BOARD), any number of discs. */
export function checkCells(cells: CellsInput): Uint8Array {
  return parseCells(cells, { minDiscs: 0 });
}

/** A Position from cells and a player (INVALID_BOARD / INVALID_PLAYER), any number of discs. */
export function toPosition(cells: CellsInput, player: Player): Position {
  return Position.fromCells(cells, parsePlayer(player), { minDiscs: 0 });
}
