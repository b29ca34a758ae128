import { PrismindError } from './contracts/errors';
import { isSquare, SQUARE_NAMES } from './squares';
import { Position } from './position';

/** An explicit pass in a parsed transcript. */
export const PASS = -1;

/**
 * Split a transcript into moves, syntax only: squares as indices, explicit passes as PASS (-1).
 * A move is a file a..h and a rank 1..8 in either case ('f5', 'F5'); an explicit pass is 'pa' or
 * '--' (either case). Whitespace and commas between moves are ignored ('f5d6c3', 'F5 d6 C3' and
 * 'f5, d6, c3' are the same). Anything else (move numbers included) is INVALID_NOTATION, naming
 * the move number and the character offset.
 */
export function parseTranscript(text: string): number[] {
  if (typeof text !== 'string') {
    throw new PrismindError(
      'INVALID_NOTATION',
      `transcript is a ${typeof text}; expected a string`,
    );
  }
  const moves: number[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',') {
      i++;
      continue;
    }
    const pair = text.slice(i, i + 2);
    const lower = pair.toLowerCase();
    if (lower === 'pa' || lower === '--') {
      moves.push(PASS);
    } else {
      const file = lower.charCodeAt(0) - 97;
      const rank = lower.charCodeAt(1) - 49;
      if (pair.length !== 2 || !(file >= 0 && file <= 7 && rank >= 0 && rank <= 7)) {
        throw new PrismindError(
          'INVALID_NOTATION',
          `transcript: ${JSON.stringify(pair)} at character ${i} (move ${moves.length + 1}) is ` +
            'not a move; expected a square a1..h8 or a pass "pa" / "--"',
          { details: { offset: i, move: moves.length + 1, text: pair } },
        );
      }
      moves.push(file + 8 * rank);
    }
    i += 2;
  }
  return moves;
}

/** A replayed game: what a replay read and where it went. */
export interface GameRecord {
  /** The moves played, as squares, passes left out (the engines' convention). */
  moves: number[];
  /** The position before each move of `moves` (positions[i] is where moves[i] was played). */
  positions: Position[];
  /** The position after the last move (the side to move there may have to pass). */
  final: Position;
}

export interface ReplayOptions {
  /** The position the moves start from (default: the standard start). */
  start?: Position;
  /** Require the moves to finish the game (ILLEGAL_MOVE otherwise), as learnFromGame does. */
  requireFinished?: boolean;
}

function colour(p: Position): string {
  return p.player === 1 ? 'black' : 'white';
}

function illegal(n: number, what: string, p: Position, square: number | null): never {
  const legal = p.legalMoves();
  const none = p.isGameOver() ? 'none (the game is over)' : 'none (must pass)';
  const list = legal.length === 0 ? none : legal.map((s) => SQUARE_NAMES[s]).join(' ');
  throw new PrismindError('ILLEGAL_MOVE', `move ${n}: ${what}; legal moves: ${list}`, {
    details: { move: n, square, legal },
  });
}

/**
 * Replay moves (squares 0..63, or PASS for an explicit pass) from the start (or `options.start`).
 * Passes are implicit: when the side to move has no legal move it passes and the next square is
 * the opponent's; an explicit PASS is accepted only where a pass is forced. A square outside
 * 0..63 is INVALID_SQUARE; an illegal move, a move after the game is over, an explicit pass where
 * a move exists, or (with `requireFinished`) moves that stop before the end is ILLEGAL_MOVE; the
 * message names the move number (1-based), the square and the legal moves.
 */
export function replayMoves(moves: readonly number[], options: ReplayOptions = {}): GameRecord {
  let pos = options.start ?? Position.initial();
  const played: number[] = [];
  const positions: Position[] = [];
  for (let i = 0; i < moves.length; i++) {
    const m = moves[i]!;
    const n = i + 1;
    if (m === PASS) {
      if (!pos.mustPass()) illegal(n, `${colour(pos)} may not pass`, pos, PASS);
      pos = pos.pass();
      continue;
    }
    if (!isSquare(m)) {
      throw new PrismindError(
        'INVALID_SQUARE',
        `move ${n}: ${String(m)} is not a square; expected an integer 0..63 (a1 = 0, h8 = 63)`,
        { details: { move: n, square: m } },
      );
    }
    if (pos.mustPass()) pos = pos.pass();
    if (pos.isGameOver()) {
      throw new PrismindError(
        'ILLEGAL_MOVE',
        `move ${n}: ${SQUARE_NAMES[m]} comes after the end of the game`,
        { details: { move: n, square: m, legal: [] } },
      );
    }
    if (!pos.isLegal(m)) illegal(n, `${SQUARE_NAMES[m]} is illegal for ${colour(pos)}`, pos, m);
    positions.push(pos);
    played.push(m);
    pos = pos.play(m);
  }
  if (options.requireFinished && !pos.isGameOver()) {
    const next = pos.mustPass() ? pos.pass() : pos;
    illegal(
      moves.length + 1,
      `the moves end but the game is not over (${colour(next)} to move)`,
      next,
      null,
    );
  }
  return { moves: played, positions, final: pos };
}

/** Replay a transcript ('f5d6c3…'): parseTranscript then replayMoves. */
export function replayTranscript(text: string, options: ReplayOptions = {}): GameRecord {
  return replayMoves(parseTranscript(text), options);
}

/**
 * The transcript of moves (squares 0..63; PASS entries are dropped, passes stay implicit):
 * lower-case square names run together, e.g. 'f5d6c3d3'. INVALID_SQUARE for a bad square.
 */
export function movesToTranscript(moves: readonly number[]): string {
  let text = '';
  for (let i = 0; i < moves.length; i++) {
    const m = moves[i]!;
    if (m === PASS) continue;
    if (!isSquare(m)) {
      throw new PrismindError(
        'INVALID_SQUARE',
        `move ${i + 1}: ${String(m)} is not a square; expected an integer 0..63`,
        { details: { move: i + 1, square: m } },
      );
    }
    text += SQUARE_NAMES[m];
  }
  return text;
}
