import { describe, expect, it } from 'vitest';
import { strengthLine } from './training-view';

const RECORD = {
  games: 1_250_000,
  league: { score: 0.8625, low: 0.8466, high: 0.8771, games: 2000 },
  endgame: { mae: 11.04, onePlyBestRate: 0.5321, depth4BestRate: 0.6402, positions: 500 },
  seconds: 3.2,
};

describe('strengthLine', () => {
  it('shows the League score with its interval, the published reference and the endgame accuracy', () => {
    expect(strengthLine(RECORD)).toBe(
      'strength at 1,250,000 games: League 0.863 [0.847, 0.877] vs the standard WPC (best published ≈ 0.96); ' +
        'solved endgames: error 11.0 discs, best move 53.2% at 1 ply, 64.0% at depth 4',
    );
  });

  it('names best.prsm when the measurement is the strongest so far', () => {
    expect(strengthLine({ ...RECORD, best: true })).toMatch(
      /\(best so far: checkpoints\/best\.prsm\)$/,
    );
    expect(strengthLine({ ...RECORD, best: false })).not.toMatch(/best so far/);
  });
});
