import type { Position } from './position';

export interface AsciiOptions {
  /** Mark the legal moves of the player to move with '*' (default true). */
  showMoves?: boolean;
}

/**
 * A picture of the position for terminals and logs: rank 1 at the top, file a at the left,
 * X black, O white, '.' empty, '*' a legal move; then who is to move and the disc counts.
 *
 *     a b c d e f g h
 *   1 . . . . . . . . 1
 *   …
 *   X to move (black), X 2 O 2
 */
export function toAscii(position: Position, options: AsciiOptions = {}): string {
  const cells = position.toCells();
  const moves = new Set(options.showMoves === false ? [] : position.legalMoves());
  const lines = ['  a b c d e f g h'];
  for (let r = 0; r < 8; r++) {
    let row = `${r + 1} `;
    for (let c = 0; c < 8; c++) {
      const s = c + 8 * r;
      const v = cells[s];
      row += v === 1 ? 'X' : v === 2 ? 'O' : moves.has(s) ? '*' : '.';
      row += ' ';
    }
    lines.push(`${row}${r + 1}`);
  }
  lines.push('  a b c d e f g h');
  const { black, white } = position.counts();
  const status = position.isGameOver()
    ? `game over, score ${position.score() > 0 ? '+' : ''}${position.score()} (black minus white)`
    : `${position.player === 1 ? 'X to move (black)' : 'O to move (white)'}${
        position.mustPass() ? ', must pass' : ''
      }`;
  lines.push(`${status}, X ${black} O ${white}`);
  return lines.join('\n');
}
