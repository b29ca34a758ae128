import type { ModelState } from '@prismind/board/contracts';
import { DebugError } from './errors';
import { locate } from './model';

/** A weight that is not finite, or larger in absolute value than the threshold. */
export interface Anomaly {
  pattern: string;
  shape: number;
  stage: number;
  index: number;
  value: number;
  offset: number;
  kind: 'non-finite' | 'large';
}

/**
 * Weights with |w| > threshold, and every NaN or infinite weight whatever the threshold; the
 * non-finite ones first, then by decreasing |w|, at most `limit` (default 10,000: a threshold
 * set too low on a 5M-weight model should not build a 5M-entry answer).
 */
export function detectAnomalies(
  state: ModelState,
  threshold: number,
  options: { limit?: number | undefined } = {},
): Anomaly[] {
  if (!(threshold >= 0)) {
    throw new DebugError(
      'DEBUG_INVALID_INPUT',
      `threshold is ${String(threshold)}; expected a number ≥ 0`,
    );
  }
  const limit = options.limit ?? 10_000;
  const found: number[] = [];
  const w = state.weights;
  for (let i = 0; i < w.length; i++) {
    const v = w[i]!;
    // written so that NaN (which fails every comparison) is caught too
    if (!(Math.abs(v) <= threshold) || !Number.isFinite(v)) found.push(i);
  }
  const rank = (o: number): number => (Number.isFinite(w[o]!) ? Math.abs(w[o]!) : Infinity);
  found.sort((x, y) => rank(y) - rank(x) || x - y);
  return found.slice(0, limit).map((offset) => {
    const value = w[offset]!;
    const at = locate(offset);
    return { ...at, value, offset, kind: Number.isFinite(value) ? 'large' : 'non-finite' };
  });
}
