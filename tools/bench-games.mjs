// Seeded data for the packages' benchmarks (bench/*.bench.mjs), so each measures the same positions
// run after run and the engines' benchmarks measure the same ones. Repository-only, not published.

import { xorshift32 } from '../tests/support/src/xorshift.mjs';

/** xorshift32 in [0, 1): a reproducible stream for benchmark data (not for training). */
export const seeded = xorshift32;

/**
 * `count` games of uniformly random legal moves from `initial` (a @prismind/board Position, passed
 * in so that this file needs no package of its own): every position where a move was chosen, and
 * each game as its move list.
 */
export function randomGames(initial, count, seed) {
  const random = seeded(seed);
  const positions = [];
  const games = [];
  for (let g = 0; g < count; g++) {
    let p = initial;
    const moves = [];
    while (!p.isGameOver()) {
      if (p.mustPass()) {
        p = p.pass();
        continue;
      }
      positions.push(p);
      const legal = p.legalMoves();
      const move = legal[Math.floor(random() * legal.length)];
      moves.push(move);
      p = p.play(move);
    }
    games.push(moves);
  }
  return { positions, games };
}
