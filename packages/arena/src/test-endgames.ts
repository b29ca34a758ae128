// Solved endgames for the arena's tests: the small fixture set and a plain negamax to check it.
import { join } from 'node:path';
import type { Position } from '@prismind/board';

/** Six positions at 4..10 empties in the format of data/endgame-set.txt. */
export const FIXTURE_PATH: string = join(import.meta.dirname, '../test/fixtures/endgame-small.txt');

const solved = new Map<string, number>();

/**
 * The exact final disc difference with perfect play, side to move's view: plain negamax over the
 * Position API (no pruning, memoised by position), independent of any engine.
 */
export function solve(p: Position): number {
  const key = `${p.pLo} ${p.pHi} ${p.oLo} ${p.oHi}`;
  let value = solved.get(key);
  if (value === undefined) {
    const moves = p.legalMoves();
    if (moves.length > 0) value = Math.max(...moves.map((m) => -solve(p.play(m))));
    else value = p.isGameOver() ? (p.player === 1 ? 1 : -1) * p.score() : -solve(p.pass());
    solved.set(key, value);
  }
  return value;
}
