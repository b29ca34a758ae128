import type { ModelState } from '@prismind/board/contracts';
import { testRandom } from './random';

/** Fill `array` with seeded values in [-scale, scale) (or [0, scale) when `positive`). */
export function fillRandom(
  array: Float32Array,
  seed: number | (() => number),
  scale: number,
  positive = false,
): Float32Array {
  const random = typeof seed === 'number' ? testRandom(seed) : seed;
  for (let i = 0; i < array.length; i++) {
    const r = random();
    array[i] = positive ? r * scale : (r - 0.5) * 2 * scale;
  }
  return array;
}

/**
 * `template`'s shape with seeded random weights and Adam moments, as a trained model would have,
 * `step` games into training.
 */
export function randomState(template: ModelState, seed: number, step = 37): ModelState {
  const random = testRandom(seed);
  const length = template.weights.length;
  return {
    patternSet: template.patternSet,
    stages: template.stages,
    weights: fillRandom(new Float32Array(length), random, 2),
    adamM: fillRandom(new Float32Array(length), random, 0.1),
    adamV: fillRandom(new Float32Array(length), random, 0.01, true),
    step,
    beta1Power: 0.9 ** step,
    beta2Power: 0.999 ** step,
    games: step,
  };
}

/** The first index where two Float32Arrays differ bit for bit (-1: none, -2: lengths differ). */
export function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) return i;
  }
  return -1;
}
