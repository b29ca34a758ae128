import { PrismindError } from './contracts/errors';
import type { CellsInput, Player } from './contracts/types';
import { popcount32 } from './bits';
import { flipsInto, playInto } from './flips';
import {
  finalScoreBoard,
  hasLegalMove,
  legalMovesInto,
  START_O_HI,
  START_O_LO,
  START_P_HI,
  START_P_LO,
} from './moves';
import { parseSquare, SQUARE_NAMES } from './squares';
import { type ParseCellsOptions, parseCells, parsePlayer } from './validate';

/** Scratch for the immutable API's calls into the fast core (never escapes). */
const SCRATCH = new Int32Array(4);

/** Squares set in a bitboard, ascending. */
export function bitsToSquares(lo: number, hi: number): number[] {
  const squares: number[] = [];
  while (lo !== 0) {
    const bit = lo & -lo;
    lo ^= bit;
    squares.push(31 - Math.clz32(bit));
  }
  while (hi !== 0) {
    const bit = hi & -hi;
    hi ^= bit;
    squares.push(63 - Math.clz32(bit));
  }
  return squares;
}

function listSquares(squares: readonly number[]): string {
  return squares.length === 0 ? 'none' : squares.map((s) => SQUARE_NAMES[s]).join(' ');
}

const OBF_CHARS = '-XO';

/** Disc counts of a position. */
export interface DiscCounts {
  black: number;
  white: number;
  empty: number;
}

/**
 * An immutable Othello position: the discs and the player to move. Every move returns a new
 * Position. The board is kept as in the fast core, from the side to move's view (pLo, pHi, oLo,
 * oHi: int32 halves, see moves.ts), so an engine can take those four fields as they are.
 */
export class Position {
  /** 1 black, 2 white. */
  readonly player: Player;
  /** Discs of the side to move (squares 0..31, 32..63), int32 bit patterns. */
  readonly pLo: number;
  readonly pHi: number;
  /** Discs of the opponent. */
  readonly oLo: number;
  readonly oHi: number;

  private constructor(pLo: number, pHi: number, oLo: number, oHi: number, player: Player) {
    this.pLo = pLo | 0;
    this.pHi = pHi | 0;
    this.oLo = oLo | 0;
    this.oHi = oHi | 0;
    this.player = player;
    Object.freeze(this);
  }

  /** The standard start: d4, e5 white; d5, e4 black; black to move. */
  static initial(): Position {
    initial ??= new Position(START_P_LO, START_P_HI, START_O_LO, START_O_HI, 1);
    return initial;
  }

  /**
   * From the fast core's four halves (side to move's view) and the player to move. Overlapping
   * halves are INVALID_BOARD, a bad player INVALID_PLAYER.
   */
  static fromBoard(pLo: number, pHi: number, oLo: number, oHi: number, player: Player): Position {
    const who = parsePlayer(player);
    if ((pLo & oLo) !== 0 || (pHi & oHi) !== 0) {
      const both = bitsToSquares(pLo & oLo, pHi & oHi);
      throw new PrismindError(
        'INVALID_BOARD',
        `both sides have a disc on ${listSquares(both)}; expected disjoint bitboards`,
        { details: { squares: both } },
      );
    }
    return new Position(pLo, pHi, oLo, oHi, who);
  }

  /** From black's and white's bitboards (int32 or uint32 halves) and the player to move. */
  static fromColors(
    blackLo: number,
    blackHi: number,
    whiteLo: number,
    whiteHi: number,
    player: Player,
  ): Position {
    const who = parsePlayer(player);
    return who === 1
      ? Position.fromBoard(blackLo, blackHi, whiteLo, whiteHi, who)
      : Position.fromBoard(whiteLo, whiteHi, blackLo, blackHi, who);
  }

  /**
   * From 64 cells (0 empty, 1 black, 2 white) and the player to move, validated by parseCells and
   * parsePlayer (INVALID_BOARD, INVALID_PLAYER). `options.minDiscs` defaults to 4.
   */
  static fromCells(cells: CellsInput, player: number, options?: ParseCellsOptions): Position {
    const c = parseCells(cells, options);
    const who = parsePlayer(player);
    let bLo = 0;
    let bHi = 0;
    let wLo = 0;
    let wHi = 0;
    for (let s = 0; s < 64; s++) {
      const bit = 1 << (s & 31);
      if (c[s] === 1) {
        if (s < 32) bLo |= bit;
        else bHi |= bit;
      } else if (c[s] === 2) {
        if (s < 32) wLo |= bit;
        else wHi |= bit;
      }
    }
    return who === 1
      ? new Position(bLo, bHi, wLo, wHi, who)
      : new Position(wLo, wHi, bLo, bHi, who);
  }

  /** The opponent of the player to move. */
  get opponent(): Player {
    return this.player === 1 ? 2 : 1;
  }

  /** Black's discs as [lo, hi] int32 halves. */
  get black(): readonly [number, number] {
    return this.player === 1 ? [this.pLo, this.pHi] : [this.oLo, this.oHi];
  }

  /** White's discs as [lo, hi] int32 halves. */
  get white(): readonly [number, number] {
    return this.player === 2 ? [this.pLo, this.pHi] : [this.oLo, this.oHi];
  }

  /** The cell on `square` (index or name): 0 empty, 1 black, 2 white. */
  cell(square: number | string): 0 | 1 | 2 {
    const s = parseSquare(square);
    const bit = 1 << (s & 31);
    if (((s < 32 ? this.pLo : this.pHi) & bit) !== 0) return this.player;
    if (((s < 32 ? this.oLo : this.oHi) & bit) !== 0) return this.opponent;
    return 0;
  }

  /** 64 cells in square order (0 empty, 1 black, 2 white), a fresh array. */
  toCells(): Uint8Array {
    const cells = new Uint8Array(64);
    const me = this.player;
    const them = this.opponent;
    for (let s = 0; s < 64; s++) {
      const bit = 1 << (s & 31);
      if (((s < 32 ? this.pLo : this.pHi) & bit) !== 0) cells[s] = me;
      else if (((s < 32 ? this.oLo : this.oHi) & bit) !== 0) cells[s] = them;
    }
    return cells;
  }

  /** Legal moves of the player to move as [lo, hi] int32 halves. */
  legalMoveBits(): [number, number] {
    legalMovesInto(this.pLo, this.pHi, this.oLo, this.oHi, SCRATCH, 0);
    return [SCRATCH[0]!, SCRATCH[1]!];
  }

  /** Legal moves of the player to move, ascending squares (empty when it must pass). */
  legalMoves(): number[] {
    const [lo, hi] = this.legalMoveBits();
    return bitsToSquares(lo, hi);
  }

  /** True when `square` (index or name) is a legal move. A bad square is INVALID_SQUARE. */
  isLegal(square: number | string): boolean {
    const s = parseSquare(square);
    return playInto(this.pLo, this.pHi, this.oLo, this.oHi, s, SCRATCH, 0) !== 0;
  }

  /** The discs that `square` would flip, ascending (empty for an illegal move). */
  flips(square: number | string): number[] {
    const s = parseSquare(square);
    if (!this.isLegal(s)) return [];
    flipsInto(this.pLo, this.pHi, this.oLo, this.oHi, s, SCRATCH, 0);
    return bitsToSquares(SCRATCH[0]!, SCRATCH[1]!);
  }

  /**
   * The position after the player to move plays `square` (index or name). INVALID_SQUARE for a
   * bad square, ILLEGAL_MOVE (naming the square and the legal moves) for an illegal one.
   */
  play(square: number | string): Position {
    const s = parseSquare(square);
    if (playInto(this.pLo, this.pHi, this.oLo, this.oHi, s, SCRATCH, 0) === 0) {
      const legal = this.legalMoves();
      throw new PrismindError(
        'ILLEGAL_MOVE',
        `${SQUARE_NAMES[s]} is not a legal move for ${this.player === 1 ? 'black' : 'white'}; ` +
          `legal moves: ${listSquares(legal)}`,
        { details: { square: s, legal } },
      );
    }
    return new Position(SCRATCH[0]!, SCRATCH[1]!, SCRATCH[2]!, SCRATCH[3]!, this.opponent);
  }

  /** True when the player to move has no legal move but the opponent has: it must pass. */
  mustPass(): boolean {
    return (
      !hasLegalMove(this.pLo, this.pHi, this.oLo, this.oHi) &&
      hasLegalMove(this.oLo, this.oHi, this.pLo, this.pHi)
    );
  }

  /**
   * The same discs with the opponent to move. ILLEGAL_MOVE unless the player to move must pass
   * (a side with a legal move may not pass; nobody passes in a finished game).
   */
  pass(): Position {
    if (!this.mustPass()) {
      const why = this.isGameOver()
        ? 'the game is over'
        : `it has legal moves: ${listSquares(this.legalMoves())}`;
      throw new PrismindError(
        'ILLEGAL_MOVE',
        `${this.player === 1 ? 'black' : 'white'} may not pass: ${why}`,
      );
    }
    return this.withPlayerSwapped();
  }

  /** The same discs with the other player to move, legal or not (analysis, tests). */
  withPlayerSwapped(): Position {
    return new Position(this.oLo, this.oHi, this.pLo, this.pHi, this.opponent);
  }

  /** True when neither side has a legal move. */
  isGameOver(): boolean {
    return (
      !hasLegalMove(this.pLo, this.pHi, this.oLo, this.oHi) &&
      !hasLegalMove(this.oLo, this.oHi, this.pLo, this.pHi)
    );
  }

  /** Disc counts. */
  counts(): DiscCounts {
    const me = popcount32(this.pLo) + popcount32(this.pHi);
    const them = popcount32(this.oLo) + popcount32(this.oHi);
    const black = this.player === 1 ? me : them;
    const white = this.player === 1 ? them : me;
    return { black, white, empty: 64 - black - white };
  }

  /** Discs on the board, both colours (4..64 in a game). */
  discs(): number {
    return popcount32(this.pLo | this.oLo) + popcount32(this.pHi | this.oHi);
  }

  /**
   * The final score, black minus white, with the empties going to the winner (a draw is 0). This is
   * the result of a finished game; for a game in progress it is what the score would be if the game
   * stopped now.
   */
  score(): number {
    const mine = finalScoreBoard(this.pLo, this.pHi, this.oLo, this.oHi);
    return this.player === 1 ? mine : -mine;
  }

  /** Black's discs minus white's, empties not counted. */
  discDifference(): number {
    const { black, white } = this.counts();
    return black - white;
  }

  /**
   * The OBF line of the position: 64 characters in square order (a1, b1, …, h8), X black, O white,
   * - empty, a space, then X or O for the player to move. Also what toString() returns.
   */
  toObf(): string {
    const cells = this.toCells();
    let board = '';
    for (let s = 0; s < 64; s++) board += OBF_CHARS[cells[s]!];
    return `${board} ${this.player === 1 ? 'X' : 'O'}`;
  }

  toString(): string {
    return this.toObf();
  }

  /** Same discs and same player to move. */
  equals(other: Position): boolean {
    return (
      this.player === other.player &&
      this.pLo === other.pLo &&
      this.pHi === other.pHi &&
      this.oLo === other.oLo &&
      this.oHi === other.oHi
    );
  }
}

let initial: Position | undefined;
