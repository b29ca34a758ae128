import { describe, expect, it } from 'vitest';
import { isCheckpointError } from './errors';
import { checkRetentionPolicy, planRetention } from './retention';

const candidates = (games: number[]) => games.map((g) => ({ name: `c${g}`, gamesCompleted: g }));
const names = (list: { gamesCompleted: number }[]) => list.map((c) => c.gamesCompleted);

describe('planRetention', () => {
  it('keeps the newest N by games, whatever the input order', () => {
    const plan = planRetention(candidates([3, 1, 5, 2, 4]), { keepLast: 2, keepEvery: 0 });
    expect(names(plan.keep)).toEqual([5, 4]);
    expect(names(plan.remove)).toEqual([3, 2, 1]);
  });

  it('also keeps every multiple of keepEvery, forever', () => {
    const all = Array.from({ length: 12 }, (_, i) => i * 1000);
    const plan = planRetention(candidates(all), { keepLast: 2, keepEvery: 4000 });
    expect(names(plan.keep)).toEqual([11000, 10000, 8000, 4000, 0]);
    expect(names(plan.remove)).toEqual([9000, 7000, 6000, 5000, 3000, 2000, 1000]);
  });

  it('never plans to delete a protected checkpoint', () => {
    const plan = planRetention(
      candidates([10, 20, 30, 5]),
      { keepLast: 1, keepEvery: 0 },
      new Set(['c5']),
    );
    expect(names(plan.keep)).toEqual([30, 5]);
    expect(names(plan.remove)).toEqual([20, 10]);
  });

  it('rejects policies that could delete everything', () => {
    for (const policy of [
      { keepLast: 0, keepEvery: 0 },
      { keepLast: 1.5, keepEvery: 0 },
      { keepLast: 3, keepEvery: -1 },
    ]) {
      expect(() => checkRetentionPolicy(policy)).toThrow(
        expect.objectContaining({ code: 'CKPT_INVALID_OPTIONS' }),
      );
    }
    try {
      checkRetentionPolicy({ keepLast: 0, keepEvery: 0 });
    } catch (error) {
      expect(isCheckpointError(error, 'CKPT_INVALID_OPTIONS')).toBe(true);
    }
  });
});
