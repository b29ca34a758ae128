import { describe, expect, it } from 'vitest';
import { refMoves, refPerft, refPlay, rng, toHalves } from '../test/reference';
import { START_O_HI, START_O_LO, START_P_HI, START_P_LO } from './moves';
import { perft } from './perft';

/** The standard counts (a forced pass is a ply, a finished game is a leaf). */
const EXPECTED = [4, 12, 56, 244, 1396, 8200, 55092, 390216, 3005288];

describe('perft', () => {
  it.each(EXPECTED.map((n, i) => [i + 1, n]))('depth %i from the start is %i', (depth, n) => {
    expect(perft(START_P_LO, START_P_HI, START_O_LO, START_O_HI, depth)).toBe(n);
  });

  it('depth 0 is 1', () => {
    expect(perft(START_P_LO, START_P_HI, START_O_LO, START_O_HI, 0)).toBe(1);
  });

  it('a finished game is one leaf at any depth', () => {
    // Black on a1, white on h8, nothing else: nobody can move.
    for (let d = 1; d <= 5; d++) expect(perft(1, 0, 0, 1 << 31, d)).toBe(1);
  });

  it('matches the reference perft (passes included) from late-game positions', () => {
    const next = rng(4242);
    let checked = 0;
    let withPass = 0;
    for (let game = 0; game < 60; game++) {
      let cells: Uint8Array = new Uint8Array(64);
      cells[27] = 2;
      cells[36] = 2;
      cells[28] = 1;
      cells[35] = 1;
      let player = 1;
      let ply = 0;
      for (;;) {
        const moves = refMoves(cells, player);
        if (moves.length === 0) {
          if (refMoves(cells, 3 - player).length === 0) break;
          player = 3 - player;
          continue;
        }
        if (ply >= 44 && ply % 3 === 0) {
          const [pLo, pHi, oLo, oHi] = toHalves(cells, player);
          const depth = 4;
          const expected = refPerft(cells, player, depth);
          expect(perft(pLo, pHi, oLo, oHi, depth)).toBe(expected);
          checked++;
        }
        cells = refPlay(cells, player, moves[Math.floor(next() * moves.length)]!);
        player = 3 - player;
        ply++;
        if (refMoves(cells, player).length === 0) withPass++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(withPass).toBeGreaterThan(0);
  });
});
