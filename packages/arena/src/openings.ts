import { movesToTranscript, nameToSquare, Position, transformPosition } from '@prismind/board';
import { PrismindError } from '@prismind/board/contracts';

/** A start position for evaluation games: the moves from the standard start, and where they lead. */
export interface Opening {
  /** Moves from the standard start as squares (no passes this early). */
  moves: readonly number[];
  /** The same moves as a transcript, e.g. 'f5d6c3d3'. */
  transcript: string;
  position: Position;
}

/** The smallest OBF line among the 8 images: one name per symmetry class. */
function canonicalKey(position: Position): string {
  let best = position.toObf();
  for (let k = 1; k < 8; k++) {
    const obf = transformPosition(k, position).toObf();
    if (obf < best) best = obf;
  }
  return best;
}

/** Depth-first over the legal moves in ascending square order, keeping each class's first line. */
function collect(
  position: Position,
  moves: number[],
  plies: number,
  seen: Set<string>,
  out: Opening[],
): void {
  if (moves.length === plies) {
    const key = canonicalKey(position);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ moves: [...moves], transcript: movesToTranscript(moves), position });
    return;
  }
  for (const square of position.legalMoves()) {
    moves.push(square);
    collect(position.play(square), moves, plies, seen, out);
    moves.pop();
  }
}

const cache = new Map<number, readonly Opening[]>();

/**
 * The fixed opening set: every position reachable in `plies` moves (default 4) from the standard
 * start, one per symmetry class, in a stable order. Every line starts with f5 (the four first
 * moves are images of one another, so f5 reaches every class); after it, lines are enumerated
 * depth-first with moves in ascending square order (a1 = 0 ... h8 = 63) and a line is kept when
 * its position's class (the smallest OBF line over the 8 symmetries) is new. `count` takes the
 * first N. Four plies give 4-disc-difference-ish, well-known balanced starts; no position is
 * filtered out by an evaluation, so the set does not depend on any heuristic.
 */
export function standardOpenings(options: { plies?: number; count?: number } = {}): Opening[] {
  const plies = options.plies ?? 4;
  if (!(Number.isInteger(plies) && plies >= 1 && plies <= 8)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `openings: plies is ${String(plies)}; expected an integer 1..8`,
    );
  }
  let all = cache.get(plies);
  if (all === undefined) {
    const out: Opening[] = [];
    const f5 = nameToSquare('f5');
    collect(Position.initial().play(f5), [f5], plies, new Set(), out);
    all = Object.freeze(out);
    cache.set(plies, all);
  }
  const count = options.count ?? all.length;
  if (!(Number.isInteger(count) && count >= 1)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `openings: count is ${String(count)}; expected an integer ≥ 1`,
    );
  }
  return all.slice(0, count);
}
