import { Position } from '@prismind/board';

/**
 * Helpers for this package's tests (not part of the public API): a seeded generator independent
 * of the engine's Rng, random positions and games from random playouts, random weights.
 */

/** xorshift32 in [0, 1): test data only. */
export function testRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

/** Every position of `games` random games where a move is to be made (finished ones excluded). */
export function randomPositions(games: number, seed: number): Position[] {
  const random = testRandom(seed);
  const out: Position[] = [];
  for (let g = 0; g < games; g++) {
    let p = Position.initial();
    while (!p.isGameOver()) {
      if (p.mustPass()) {
        p = p.pass();
        continue;
      }
      out.push(p);
      const moves = p.legalMoves();
      p = p.play(moves[Math.floor(random() * moves.length)]!);
    }
  }
  return out;
}

/** Also positions where the side to move must pass, and finished games. */
export function randomPositionsAll(games: number, seed: number): Position[] {
  const random = testRandom(seed);
  const out: Position[] = [];
  for (let g = 0; g < games; g++) {
    let p = Position.initial();
    for (;;) {
      out.push(p);
      if (p.isGameOver()) break;
      if (p.mustPass()) {
        p = p.pass();
        continue;
      }
      const moves = p.legalMoves();
      p = p.play(moves[Math.floor(random() * moves.length)]!);
    }
  }
  return out;
}

/** A random complete game as squares (passes implicit). */
export function randomGame(seed: number): number[] {
  const random = testRandom(seed);
  const moves: number[] = [];
  let p = Position.initial();
  while (!p.isGameOver()) {
    if (p.mustPass()) {
      p = p.pass();
      continue;
    }
    const legal = p.legalMoves();
    const sq = legal[Math.floor(random() * legal.length)]!;
    moves.push(sq);
    p = p.play(sq);
  }
  return moves;
}

/** Fill `array` with seeded values in [-scale, scale) (or [0, scale) when `positive`). */
export function fillRandom(
  array: Float32Array,
  seed: number,
  scale: number,
  positive = false,
): void {
  const random = testRandom(seed);
  for (let i = 0; i < array.length; i++) {
    const r = random();
    array[i] = positive ? r * scale : (r - 0.5) * 2 * scale;
  }
}

/** Absolute bitboards of a position. */
export function colours(p: Position): [number, number, number, number] {
  return [p.black[0], p.black[1], p.white[0], p.white[1]];
}

/** The first index where two float arrays differ (Object.is), -1 when equal, -2 on lengths. */
export function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}
