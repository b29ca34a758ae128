import { Position } from '@prismind/board';
import type { ModelState } from '@prismind/board/contracts';

/** A small seeded generator for test data (xorshift32), independent of the engines' RNG. */
export function seeded(seed: number): () => number {
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

/** Every position of `games` random games (finished positions excluded). */
export function randomPositions(games: number, seed: number): Position[] {
  const random = seeded(seed);
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

/** A random complete game as squares, passes implicit. */
export function randomGame(seed: number): number[] {
  const random = seeded(seed);
  const moves: number[] = [];
  let p = Position.initial();
  while (!p.isGameOver()) {
    if (p.mustPass()) {
      p = p.pass();
      continue;
    }
    const legal = p.legalMoves();
    const move = legal[Math.floor(random() * legal.length)]!;
    moves.push(move);
    p = p.play(move);
  }
  return moves;
}

/** `template`'s shape with seeded random weights and moments, as a trained model would have. */
export function randomState(template: ModelState, seed: number): ModelState {
  const random = seeded(seed);
  const fill = (scale: number, positive: boolean): Float32Array =>
    Float32Array.from({ length: template.weights.length }, () =>
      positive ? random() * scale : (random() - 0.5) * 2 * scale,
    );
  return {
    ...template,
    weights: fill(2, false),
    adamM: fill(0.1, false),
    adamV: fill(0.01, true),
    step: 12,
    beta1Power: 0.9 ** 12,
    beta2Power: 0.999 ** 12,
    games: 12,
  };
}

/** The start position's cells as a plain array. */
export function startCells(): number[] {
  return Array.from(Position.initial().toCells());
}

/** The code of what `action` throws ('no error' when it does not). */
export function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code ?? `no code: ${String(error)}`;
  }
  return 'no error';
}

export async function asyncCodeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    return (error as { code?: string }).code ?? `no code: ${String(error)}`;
  }
  return 'no error';
}

/** The first index where two Float32Arrays differ bit for bit (-1: none, -2: lengths differ). */
export function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) return i;
  }
  return -1;
}
