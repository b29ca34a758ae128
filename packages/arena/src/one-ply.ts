import type { Position } from '@prismind/board';

/**
 * The move whose resulting position `blackValue` likes best for the mover (the value is from
 * black's view, so white minimises it); ties go to the lowest square. This is the 1-ply player of
 * the Othello League: no search, the child's value as it stands, finished games included.
 */
export function bestChildByValue(
  position: Position,
  blackValue: (child: Position) => number,
): number {
  const sign = position.player === 1 ? 1 : -1;
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const square of position.legalMoves()) {
    const value = sign * blackValue(position.play(square));
    if (value > bestValue) {
      bestValue = value;
      best = square;
    }
  }
  return best;
}
