import { describe, expect, it } from 'vitest';
import { combineTallies, EMPTY_TALLY } from './game-tally';

const batch = { games: 10, blackWins: 6, whiteWins: 3, draws: 1, discDiffSum: 42 };

describe('combineTallies', () => {
  it('adds field by field into a new tally', () => {
    const sum = combineTallies(batch, { ...batch, games: 2, draws: 0, discDiffSum: -8 });
    expect(sum).toEqual({ games: 12, blackWins: 12, whiteWins: 6, draws: 1, discDiffSum: 34 });
    expect(batch.games).toBe(10);
    expect(combineTallies(EMPTY_TALLY, batch)).toEqual(batch);
  });

  it('subtracts with sign -1, back to nothing', () => {
    expect(combineTallies(batch, batch, -1)).toEqual(EMPTY_TALLY);
  });
});
