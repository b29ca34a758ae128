import { describe, expect, it } from 'vitest';
import { toAscii } from './ascii';
import { Position } from './position';

describe('toAscii', () => {
  it('draws rank 1 at the top, X black, O white, * legal moves', () => {
    expect(toAscii(Position.initial())).toBe(
      [
        '  a b c d e f g h',
        '1 . . . . . . . . 1',
        '2 . . . . . . . . 2',
        '3 . . . * . . . . 3',
        '4 . . * O X . . . 4',
        '5 . . . X O * . . 5',
        '6 . . . . * . . . 6',
        '7 . . . . . . . . 7',
        '8 . . . . . . . . 8',
        '  a b c d e f g h',
        'X to move (black), X 2 O 2',
      ].join('\n'),
    );
  });

  it('can leave the moves out and reports a finished game', () => {
    expect(toAscii(Position.initial(), { showMoves: false })).not.toContain('*');
    let p = Position.initial();
    for (const m of ['d3', 'c3', 'b3', 'd2', 'e1', 'd6', 'd7', 'e3', 'f4']) p = p.play(m);
    expect(toAscii(p)).toMatch(/game over, score \+64 \(black minus white\), X 13 O 0$/);
  });
});
