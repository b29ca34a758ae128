/** An Othello board: a1 top left (square 0), h8 bottom right; rank 1 is the top row. */

export interface BoardProps {
  id: string;
  /** 64 characters: "." empty, "X" black, "O" white. */
  board: string;
  /** Squares marked as legal moves (clickable when onPlay is given). */
  legal?: readonly number[];
  /** The square of the last move, outlined. */
  last?: number | null;
  /** The move about to be played (a replay), marked. */
  next?: number | null;
  onPlay?: (square: number) => void;
}

const FILES = 'abcdefgh';

export function Board({ id, board, legal = [], last = null, next = null, onPlay }: BoardProps) {
  const legalSet = new Set(legal);
  const cells = [];
  for (let square = 0; square < 64; square++) {
    const disc = board[square] ?? '.';
    const classes = ['cell'];
    if (legalSet.has(square)) classes.push('legal');
    if (square === last) classes.push('last');
    if (square === next) classes.push('next');
    cells.push(
      <button
        type="button"
        key={square}
        class={classes.join(' ')}
        data-square={square}
        data-disc={disc}
        title={`${FILES[square % 8]}${Math.floor(square / 8) + 1}`}
        onClick={onPlay === undefined ? undefined : () => onPlay(square)}
        disabled={onPlay === undefined}
      >
        {disc === '.' ? null : <span class={disc === 'X' ? 'disc black' : 'disc white'} />}
      </button>,
    );
  }
  return (
    <div class="board-frame">
      <div class="files">
        {[...FILES].map((f) => (
          <span key={f}>{f}</span>
        ))}
      </div>
      <div class="board-row">
        <div class="ranks">
          {[1, 2, 3, 4, 5, 6, 7, 8].map((r) => (
            <span key={r}>{r}</span>
          ))}
        </div>
        <div class="board" id={id}>
          {cells}
        </div>
      </div>
    </div>
  );
}
