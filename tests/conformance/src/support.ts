import { Position } from '@prismind/board';
import type { Engine, ModelState } from '@prismind/board/contracts';
import { createNativeEngine } from '@prismind/native-core';
import { createJsEngine } from '@prismind/trainer';

/** A tiny seeded generator for test data (not the engines' RNG: the suite must not share code). */
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

/** Positions from random playouts: every ply of `games` random games, finished positions excluded. */
export function randomPositions(games: number, seed: number): Position[] {
  const random = testRandom(seed);
  const positions: Position[] = [];
  for (let g = 0; g < games; g++) {
    let position = Position.initial();
    while (!position.isGameOver()) {
      if (position.mustPass()) {
        position = position.pass();
        continue;
      }
      positions.push(position);
      const moves = position.legalMoves();
      position = position.play(moves[Math.floor(random() * moves.length)]!);
    }
  }
  return positions;
}

/** Every position of `games` random games, those where the side to move must pass and the finished ones included. */
export function randomPositionsWithPasses(games: number, seed: number): Position[] {
  const random = testRandom(seed);
  const positions: Position[] = [];
  for (let g = 0; g < games; g++) {
    let position = Position.initial();
    for (;;) {
      positions.push(position);
      if (position.isGameOver()) break;
      if (position.mustPass()) {
        position = position.pass();
        continue;
      }
      const moves = position.legalMoves();
      position = position.play(moves[Math.floor(random() * moves.length)]!);
    }
  }
  return positions;
}

/** A random complete game as squares (passes implicit), from the standard start. */
export function randomGame(seed: number): number[] {
  const random = testRandom(seed);
  const moves: number[] = [];
  let position = Position.initial();
  while (!position.isGameOver()) {
    if (position.mustPass()) {
      position = position.pass();
      continue;
    }
    const legal = position.legalMoves();
    const move = legal[Math.floor(random() * legal.length)]!;
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

/** A model state with seeded random weights and Adam moments, as a trained model would have. */
export function randomState(template: ModelState, seed: number): ModelState {
  const random = testRandom(seed);
  const fill = (length: number, scale: number, positive = false): Float32Array => {
    const values = new Float32Array(length);
    for (let i = 0; i < length; i++) {
      const r = random();
      values[i] = positive ? r * scale : (r - 0.5) * 2 * scale;
    }
    return values;
  };
  const length = template.weights.length;
  return {
    patternSet: template.patternSet,
    stages: template.stages,
    weights: fill(length, 2),
    adamM: fill(length, 0.1),
    adamV: fill(length, 0.01, true),
    step: 37,
    beta1Power: 0.9 ** 37,
    beta2Power: 0.999 ** 37,
    games: 37,
  };
}

export interface BackendPair {
  js: Engine;
  native: Engine;
}

/** Both backends with fresh models. The native one must load: CI builds it, the suite proves it. */
export function createBackends(): BackendPair {
  return { js: createJsEngine(), native: createNativeEngine() };
}

export async function disposeBackends(pair: BackendPair): Promise<void> {
  await Promise.all([pair.js.dispose(), pair.native.dispose()]);
}

/** Float32 arrays equal bit for bit (NaN payloads aside, which the engines never produce). */
export function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) return i;
  }
  return -1;
}
