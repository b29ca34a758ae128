import { Position } from '@prismind/board';
import { xorshift32 } from './xorshift.mjs';

/** xorshift32 in [0, 1): test data only (see xorshift.mjs, which the benchmarks share). */
export const testRandom: (seed: number) => () => number = xorshift32;

function randomMove(position: Position, random: () => number): number {
  const moves = position.legalMoves();
  return moves[Math.floor(random() * moves.length)]!;
}

/** Every position of `games` random games where a move is to be made (finished ones excluded). */
export function randomPositions(games: number, seed: number): Position[] {
  return randomPlayouts(games, seed, false);
}

/** Every position of `games` random games, those that must pass and finished ones included. */
export function randomPositionsAll(games: number, seed: number): Position[] {
  return randomPlayouts(games, seed, true);
}

function randomPlayouts(games: number, seed: number, all: boolean): Position[] {
  const random = testRandom(seed);
  const out: Position[] = [];
  for (let g = 0; g < games; g++) {
    let position = Position.initial();
    for (;;) {
      const over = position.isGameOver();
      const mustPass = !over && position.mustPass();
      if (all || (!over && !mustPass)) out.push(position);
      if (over) break;
      position = mustPass ? position.pass() : position.play(randomMove(position, random));
    }
  }
  return out;
}

/** A random complete game as squares from the standard start (passes implicit). */
export function randomGame(seed: number): number[] {
  const random = testRandom(seed);
  const moves: number[] = [];
  let position = Position.initial();
  while (!position.isGameOver()) {
    if (position.mustPass()) {
      position = position.pass();
      continue;
    }
    const move = randomMove(position, random);
    moves.push(move);
    position = position.play(move);
  }
  return moves;
}

/** Every `step`-th element of a list (spreads a sample over all game phases). */
export function sample<T>(items: readonly T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return items.filter((_, i) => i % step === 0).slice(0, count);
}

/** The start position's cells as a plain array. */
export function startCells(): number[] {
  return Array.from(Position.initial().toCells());
}
