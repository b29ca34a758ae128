import { describe, expect, it } from 'vitest';
import { errorOf } from '../test/errors';
import type { ModelState } from './contracts/model';
import { validateModelState } from './model-state';
import { WEIGHTS_PER_STAGE } from './patterns';

const STAGES = 2;
const LENGTH = STAGES * WEIGHTS_PER_STAGE;

function freshState(): ModelState {
  return {
    patternSet: 'prismind-v3',
    stages: STAGES,
    weights: new Float32Array(LENGTH),
    adamM: new Float32Array(LENGTH),
    adamV: new Float32Array(LENGTH),
    step: 0,
    beta1Power: 1,
    beta2Power: 1,
    games: 0,
  };
}

const both = [{ checkValues: true }, { checkValues: false }] as const;

describe('validateModelState', () => {
  it('returns a valid state as it is, with or without the value scan', () => {
    const state = freshState();
    state.weights[5] = -3.5;
    state.adamV[7] = 0.25;
    for (const options of both) expect(validateModelState(state, options)).toBe(state);
    expect(validateModelState(state)).toBe(state);
    const extra = { ...state, note: 'ignored' };
    expect(validateModelState(extra)).toBe(extra);
  });

  it('rejects what is not an object', () => {
    for (const options of both) {
      expect(errorOf(() => validateModelState(null, options)).message).toBe(
        'state is null; expected a ModelState',
      );
      expect(errorOf(() => validateModelState(3, options)).message).toBe(
        'state is number; expected a ModelState',
      );
    }
  });

  it('rejects another pattern set, naming it', () => {
    const error = errorOf(() =>
      validateModelState({ ...freshState(), patternSet: 'other' }, { checkValues: false }),
    );
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toBe('pattern set is "other"; expected "prismind-v3"');
    expect(error.details).toEqual({ patternSet: 'other' });
  });

  it('rejects bad counters, listing every problem', () => {
    const error = errorOf(() =>
      validateModelState({ ...freshState(), stages: 0, step: 1.5, beta1Power: 2 }),
    );
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toMatch(
      /^state counters are invalid: stages: .+; step: .+; beta1Power: .+$/,
    );
    expect(error.details?.problems).toHaveLength(3);
    for (const [field, value] of [
      ['stages', 62],
      ['games', -1],
      ['beta2Power', Number.NaN],
      ['step', undefined],
    ] as const) {
      const e = errorOf(() => validateModelState({ ...freshState(), [field]: value }));
      expect(e.code, field).toBe('INVALID_STATE');
      expect(e.message, field).toMatch(new RegExp(`^state counters are invalid: ${field}: `));
    }
  });

  it('rejects arrays of another type, saying what was given', () => {
    for (const options of both) {
      const e1 = errorOf(() =>
        validateModelState({ ...freshState(), adamM: new Float64Array(LENGTH) }, options),
      );
      expect(e1.code).toBe('INVALID_STATE');
      expect(e1.message).toBe(
        `adamM is a Float64Array; expected a Float32Array of ${LENGTH} (2 stages x ${WEIGHTS_PER_STAGE}) values`,
      );
      expect(e1.details).toEqual({ name: 'adamM' });
      const { weights: _dropped, ...noWeights } = freshState();
      expect(errorOf(() => validateModelState(noWeights, options)).message).toMatch(
        /^weights is missing; expected a Float32Array of /,
      );
      expect(
        errorOf(() => validateModelState({ ...freshState(), adamV: [0, 1] }, options)).message,
      ).toMatch(/^adamV is an array; expected a Float32Array of /);
    }
  });

  it('rejects arrays of the wrong length even without the value scan', () => {
    for (const options of both) {
      const state = freshState();
      const error = errorOf(() =>
        validateModelState({ ...state, weights: state.weights.subarray(0, 10) }, options),
      );
      expect(error.code).toBe('INVALID_STATE');
      expect(error.message).toBe(
        `weights has 10 values; expected ${LENGTH} (2 stages x ${WEIGHTS_PER_STAGE})`,
      );
      expect(error.details).toEqual({ name: 'weights', length: 10, expected: LENGTH });
    }
    // The length follows the state's own stage count, not a default.
    const three = { ...freshState(), stages: 3 };
    expect(errorOf(() => validateModelState(three)).message).toMatch(
      /^weights has \d+ values; expected \d+ \(3 stages x /,
    );
  });

  it('scans the values only when asked: non-finite anywhere, negative adamV', () => {
    const cases: [keyof ModelState & ('weights' | 'adamM' | 'adamV'), number, number, string][] = [
      ['weights', 3, Number.NaN, 'weights[3] is NaN; expected a finite number'],
      [
        'adamM',
        LENGTH - 1,
        Number.POSITIVE_INFINITY,
        `adamM[${LENGTH - 1}] is Infinity; expected a finite number`,
      ],
      [
        'adamV',
        0,
        Number.NEGATIVE_INFINITY,
        'adamV[0] is -Infinity; expected a finite number >= 0',
      ],
      ['adamV', 9, -0.5, 'adamV[9] is -0.5; expected a finite number >= 0'],
    ];
    for (const [name, index, value, message] of cases) {
      const state = freshState();
      state[name][index] = value;
      const error = errorOf(() => validateModelState(state, { checkValues: true }));
      expect(error.code).toBe('INVALID_STATE');
      expect(error.message).toBe(message);
      expect(error.details).toEqual({ name, index, value });
      expect(errorOf(() => validateModelState(state)).message).toBe(message);
      expect(validateModelState(state, { checkValues: false })).toBe(state);
    }
    const negativeM = freshState();
    negativeM.adamM[1] = -2;
    negativeM.weights[2] = -2;
    expect(validateModelState(negativeM)).toBe(negativeM);
  });

  it('reports the first problem in check order: pattern set, counters, then each array', () => {
    const state = { ...freshState(), patternSet: 'x', stages: 0, weights: null };
    expect(errorOf(() => validateModelState(state)).message).toMatch(/^pattern set/);
    const counters = { ...freshState(), stages: 0, weights: null };
    expect(errorOf(() => validateModelState(counters)).message).toMatch(/^state counters/);
    const arrays = freshState();
    arrays.weights[0] = Number.NaN;
    expect(
      errorOf(() => validateModelState({ ...arrays, adamM: new Float32Array(1) })).message,
    ).toMatch(/^weights\[0\] is NaN/);
  });
});
