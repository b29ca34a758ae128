import type { Position } from '@prismind/board';
import type { Engine } from '@prismind/board/contracts';

/** A position as the page draws it. */
export interface BoardView {
  /** 64 characters, a1..h8 (a1 = square 0): "." empty, "X" black, "O" white. */
  board: string;
  /** 1 black, 2 white: whose move it is. */
  toMove: 1 | 2;
  black: number;
  white: number;
  /** The side to move's legal squares. */
  legal: number[];
}

const MARK = ['.', 'X', 'O'];

export function boardView(position: Position): BoardView {
  const counts = position.counts();
  return {
    board: Array.from(position.toCells(), (c) => MARK[c]).join(''),
    toMove: position.player,
    black: counts.black,
    white: counts.white,
    legal: position.legalMoves(),
  };
}

/** The model's static evaluation in discs, black's view (the engine's convention). */
export function evaluateFor(engine: Engine, position: Position): number {
  return engine.evaluate(position.toCells(), position.player);
}
