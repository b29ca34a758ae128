import { describe, expect, it } from 'vitest';
import { START_O_HI, START_O_LO, START_P_HI, START_P_LO } from './moves';
import { perft } from './perft';

const EXPECTED = [4, 12, 56, 244, 1396, 8200, 55092, 390216, 3005288];

describe('perft', () => {
  it('matches the standard counts for depths 1..9', () => {
    for (let d = 1; d <= EXPECTED.length; d++) {
      expect(perft(START_P_LO, START_P_HI, START_O_LO, START_O_HI, d)).toBe(EXPECTED[d - 1]);
    }
  });
});
