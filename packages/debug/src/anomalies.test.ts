import { WEIGHTS_PER_STAGE } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import { detectAnomalies } from './anomalies';
import { smallState } from './test-support';

describe('detectAnomalies', () => {
  const state = smallState(2);
  state.weights[WEIGHTS_PER_STAGE + 78732 + 100] = 50; // edge2x, stage 1, index 100
  state.weights[5] = -80; // corner3x3, stage 0, index 5
  state.weights[WEIGHTS_PER_STAGE + 167184 + 7] = Number.NaN; // diag4, stage 1, index 7
  state.weights[9] = 9.5; // under the threshold

  it('finds the planted values, non-finite first, then by size', () => {
    const found = detectAnomalies(state, 10);
    expect(found).toEqual([
      {
        pattern: 'diag4',
        shape: 10,
        stage: 1,
        index: 7,
        value: Number.NaN,
        offset: WEIGHTS_PER_STAGE + 167191,
        kind: 'non-finite',
      },
      { pattern: 'corner3x3', shape: 0, stage: 0, index: 5, value: -80, offset: 5, kind: 'large' },
      {
        pattern: 'edge2x',
        shape: 2,
        stage: 1,
        index: 100,
        value: 50,
        offset: WEIGHTS_PER_STAGE + 78832,
        kind: 'large',
      },
    ]);
  });

  it('a lower threshold finds more; the limit cuts the list', () => {
    expect(detectAnomalies(state, 9)).toHaveLength(4);
    expect(detectAnomalies(state, 9, { limit: 2 }).map((a) => a.value)).toEqual([Number.NaN, -80]);
    expect(detectAnomalies(state, Number.POSITIVE_INFINITY)).toHaveLength(1);
  });

  it('rejects a negative threshold', () => {
    expect(() => detectAnomalies(state, -1)).toThrow(/threshold/);
  });
});
