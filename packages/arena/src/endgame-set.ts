import { PrismindError } from '@prismind/board/contracts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nameToSquare, parseObf, type Position } from '@prismind/board';

/** One solved endgame position of a test set. */
export interface EndgamePosition {
  position: Position;
  /** The exact final disc difference with perfect play, from the side to move's view. */
  score: number;
  /** Every move that reaches `score` (squares 0..63, ascending). */
  bestMoves: number[];
  /** 1-based line of the set's text it came from. */
  line: number;
}

export type EndgameSetErrorCode = 'ENDGAME_SET_SYNTAX' | 'ENDGAME_SET_NOT_FOUND';

/** A test set that cannot be read: `details` names the source and, for a bad line, its number. */
export class EndgameSetError extends PrismindError<EndgameSetErrorCode> {
  override readonly name: string = 'EndgameSetError';
}

/**
 * The packaged test set, data/endgame-set.txt at the package root. Resolved from this module's URL:
 * src/ and dist/ are both one level below the root, so it works from the sources and the build.
 */
export function endgameSetPath(): string {
  return fileURLToPath(new URL('../data/endgame-set.txt', import.meta.url));
}

const FORMAT =
  'expected "<64 squares a1..h8: X, O or -> <X|O to move> <exact score, integer> <best moves, e.g. d3,c4>"';

function parseLine(text: string, line: number, source: string): EndgamePosition {
  const bad = (what: string, cause?: unknown): never => {
    throw new EndgameSetError('ENDGAME_SET_SYNTAX', `${source}:${line}: ${what}; ${FORMAT}`, {
      details: { source, line },
      cause,
    });
  };
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 4) bad(`${fields.length} fields`);
  const [board, side, scoreText, movesText] = fields as [string, string, string, string];
  let position: Position;
  try {
    position = parseObf(`${board} ${side}`, { minDiscs: 4 });
  } catch (error) {
    return bad((error as Error).message, error);
  }
  if (!/^[+-]?\d+$/.test(scoreText) || Math.abs(Number(scoreText)) > 64) {
    bad(`score "${scoreText}" is not an integer in -64..64`);
  }
  const legal = position.legalMoves();
  if (legal.length === 0) bad('the side to move has no legal move');
  const bestMoves = movesText.split(',').map((name) => {
    let square = -1;
    try {
      square = nameToSquare(name);
    } catch (error) {
      bad(`best move "${name}" is not a square`, error);
    }
    if (!legal.includes(square)) bad(`best move ${name} is not legal in the position`);
    return square;
  });
  return {
    position,
    score: Number(scoreText),
    bestMoves: [...new Set(bestMoves)].sort((a, b) => a - b),
    line,
  };
}

/**
 * Parses a test set: one position a line (see FORMAT), `#` comments and blank lines skipped. A bad
 * line is an ENDGAME_SET_SYNTAX EndgameSetError naming `source` and the line number.
 */
export function parseEndgameSet(text: string, source = 'endgame set'): EndgamePosition[] {
  const positions: EndgamePosition[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    positions.push(parseLine(trimmed, i + 1, source));
  });
  return positions;
}

/** Reads and parses a test set file (default: the packaged one, endgameSetPath()). */
export function loadEndgameSet(path: string = endgameSetPath()): EndgamePosition[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EndgameSetError(
      'ENDGAME_SET_NOT_FOUND',
      `${path}: cannot read the endgame test set (${(error as Error).message})`,
      { details: { source: path }, cause: error },
    );
  }
  return parseEndgameSet(text, path);
}
