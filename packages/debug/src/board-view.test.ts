import { Position, replayTranscript } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import { boardToAscii, boardToSvg, visualizeBoard } from './board-view';

const START = Position.initial().toCells();

describe('visualizeBoard (ASCII)', () => {
  it('draws the start exactly', () => {
    expect(visualizeBoard(START)).toBe(
      [
        '   a b c d e f g h',
        '1  . . . . . . . . 1',
        '2  . . . . . . . . 2',
        '3  . . . . . . . . 3',
        '4  . . . O X . . . 4',
        '5  . . . X O . . . 5',
        '6  . . . . . . . . 6',
        '7  . . . . . . . . 7',
        '8  . . . . . . . . 8',
        '   a b c d e f g h',
        'X 2 O 2',
      ].join('\n'),
    );
  });

  it('marks the legal moves of the player to move', () => {
    const text = boardToAscii(START, { player: 1 });
    expect(text.split('\n')[3]).toBe('3  . . . * . . . . 3');
    expect(text.split('\n')[4]).toBe('4  . . * O X . . . 4');
    expect(text.split('\n')[5]).toBe('5  . . . X O * . . 5');
    expect(text.split('\n')[6]).toBe('6  . . . . * . . . 6');
    expect(text.split('\n').at(-1)).toBe('X 2 O 2, X (black) to move');
  });

  it('brackets highlighted squares', () => {
    const text = boardToAscii(START, { highlight: [0, 1, 27] });
    expect(text.split('\n')[1]).toBe('1 [.[.]. . . . . . 1');
    expect(text.split('\n')[4]).toBe('4  . . .[O]X . . . 4');
    const corner = boardToAscii(START, { highlight: [7] });
    expect(corner.split('\n')[1]).toBe('1  . . . . . . .[.]1');
  });

  it('draws any 64 cells, even boards engines refuse, and rejects bad ones', () => {
    expect(boardToAscii(new Uint8Array(64)).split('\n').at(-1)).toBe('X 0 O 0');
    expect(() => boardToAscii([1, 2, 3])).toThrow(/64|length/);
    const bad = Array.from(START);
    bad[5] = 7;
    expect(() => boardToAscii(bad)).toThrow(/INVALID_BOARD|f1|7/);
  });
});

describe('visualizeBoard (SVG)', () => {
  it('has 64 squares and one circle per disc', () => {
    const game = replayTranscript('f5d6c3d3c4f4');
    const cells = game.final.toCells();
    const { black, white } = game.final.counts();
    const svg = visualizeBoard(cells, { format: 'svg' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<rect class="square"/g)).toHaveLength(64);
    expect(svg.match(/class="disc black"/g)).toHaveLength(black);
    expect(svg.match(/class="disc white"/g)).toHaveLength(white);
    expect(svg).toContain('<circle class="disc black" data-square="f5"');
  });

  it('shows legal moves and highlights', () => {
    const svg = boardToSvg(START, { player: 1, highlight: [0, 63] });
    expect(svg.match(/class="move"/g)).toHaveLength(4);
    expect(svg.match(/stroke="#d22"/g)).toHaveLength(2);
    expect(svg).toContain('data-square="h8"');
  });
});
