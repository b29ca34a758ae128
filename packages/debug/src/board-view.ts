import { SQUARE_NAMES } from '@prismind/board';
import type { CellsInput, Player } from '@prismind/board/contracts';
import { checkCells, toPosition } from './cells';

export interface BoardViewOptions {
  /** 'ascii' (default) or 'svg'. */
  format?: 'ascii' | 'svg' | undefined;
  /** The player to move: marks its legal moves ('*' / a dot) and adds who is to move. */
  player?: Player | undefined;
  /** Squares to emphasise (a pattern's squares): '[' ']' around them in ASCII, an outline in SVG. */
  highlight?: readonly number[] | undefined;
  /** SVG: size of one square in pixels (default 40). */
  squareSize?: number | undefined;
}

const DISC = ['.', 'X', 'O'];

function legalSet(cells: Uint8Array, player: Player | undefined): Set<number> {
  return new Set(player === undefined ? [] : toPosition(cells, player).legalMoves());
}

function countLine(cells: Uint8Array, player: Player | undefined): string {
  let black = 0;
  let white = 0;
  for (const c of cells) {
    if (c === 1) black++;
    else if (c === 2) white++;
  }
  const turn = player === undefined ? '' : `, ${player === 1 ? 'X (black)' : 'O (white)'} to move`;
  return `X ${black} O ${white}${turn}`;
}

/**
 * The board as text, rank 1 at the top and file a at the left (the board package's layout): X
 * black, O white, '.' empty, '*' a legal move of `player`; highlighted squares in brackets.
 *
 *     a b c d e f g h
 *   1 . . . . . . . . 1
 *   ...
 *     a b c d e f g h
 *   X 2 O 2
 */
export function boardToAscii(cells: CellsInput, options: BoardViewOptions = {}): string {
  const c = checkCells(cells);
  const moves = legalSet(c, options.player);
  const marked = new Set(options.highlight ?? []);
  const lines = ['   a b c d e f g h'];
  for (let r = 0; r < 8; r++) {
    let row = `${r + 1} `;
    for (let col = 0; col < 8; col++) {
      const s = col + 8 * r;
      const ch = c[s] !== 0 ? DISC[c[s]!]! : moves.has(s) ? '*' : '.';
      const left = marked.has(s) ? '[' : marked.has(s - 1) && col > 0 ? ']' : ' ';
      row += left + ch;
    }
    row += marked.has(7 + 8 * r) ? ']' : ' ';
    lines.push(`${row}${r + 1}`);
  }
  lines.push('   a b c d e f g h');
  lines.push(countLine(c, options.player));
  return lines.join('\n');
}

/**
 * The board as a standalone SVG document for reports: 64 `<rect class="square">` (with a
 * `data-square` name), one `<circle class="disc black|white">` per disc, small dots on legal
 * moves of `player`, file and rank labels, highlighted squares outlined in red.
 */
export function boardToSvg(cells: CellsInput, options: BoardViewOptions = {}): string {
  const c = checkCells(cells);
  const size = options.squareSize ?? 40;
  const margin = Math.round(size / 2);
  const total = 8 * size + 2 * margin;
  const moves = legalSet(c, options.player);
  const marked = new Set(options.highlight ?? []);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="${total}" viewBox="0 0 ${total} ${total}">`,
    `<rect class="frame" x="0" y="0" width="${total}" height="${total}" fill="#2e4d2e"/>`,
  ];
  for (let s = 0; s < 64; s++) {
    const x = margin + (s % 8) * size;
    const y = margin + Math.floor(s / 8) * size;
    const stroke = marked.has(s) ? ' stroke="#d22" stroke-width="3"' : ' stroke="#143d14"';
    parts.push(
      `<rect class="square" data-square="${SQUARE_NAMES[s]}" x="${x}" y="${y}" width="${size}" height="${size}" fill="#2f8f3a"${stroke}/>`,
    );
    const cx = x + size / 2;
    const cy = y + size / 2;
    if (c[s] !== 0) {
      const colour = c[s] === 1 ? 'black' : 'white';
      const fill = c[s] === 1 ? '#111' : '#f5f5f5';
      parts.push(
        `<circle class="disc ${colour}" data-square="${SQUARE_NAMES[s]}" cx="${cx}" cy="${cy}" r="${size * 0.4}" fill="${fill}" stroke="#000"/>`,
      );
    } else if (moves.has(s)) {
      parts.push(`<circle class="move" cx="${cx}" cy="${cy}" r="${size * 0.08}" fill="#0006"/>`);
    }
  }
  parts.push(...labels(size, margin));
  parts.push('</svg>');
  return parts.join('\n');
}

function labels(size: number, margin: number): string[] {
  const out: string[] = [];
  const font = `font-family="sans-serif" font-size="${Math.round(size * 0.3)}" fill="#ddd" text-anchor="middle" dominant-baseline="middle"`;
  for (let i = 0; i < 8; i++) {
    const along = margin + i * size + size / 2;
    out.push(`<text class="label" x="${along}" y="${margin / 2}" ${font}>${'abcdefgh'[i]}</text>`);
    out.push(`<text class="label" x="${margin / 2}" y="${along}" ${font}>${i + 1}</text>`);
  }
  return out;
}

/** visualizeBoard: ASCII by default, SVG with `{ format: 'svg' }`. */
export function visualizeBoard(cells: CellsInput, options: BoardViewOptions = {}): string {
  return options.format === 'svg' ? boardToSvg(cells, options) : boardToAscii(cells, options);
}
