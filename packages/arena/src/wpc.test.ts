import { nameToSquare, Position } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import { randomPositions } from '@prismind/test-support';
import { STANDARD_WPC, TEXTBOOK_WPC, wpcEvaluator, wpcTableName, wpcValue } from './wpc';

const at = (table: readonly number[], square: string): number => table[nameToSquare(square)]!;

/** Every table entry equals its images under the 8 symmetries (mirrors and the diagonal). */
function expectSymmetric(table: readonly number[]): void {
  for (let r = 0; r < 8; r++) {
    for (let c = 0; c < 8; c++) {
      const w = table[c + 8 * r];
      expect(table[7 - c + 8 * r]).toBe(w);
      expect(table[c + 8 * (7 - r)]).toBe(w);
      expect(table[r + 8 * c]).toBe(w);
    }
  }
}

describe('STANDARD_WPC (Lucas & Runarsson 2006, after Yoshioka et al. 1999)', () => {
  it('has the published values', () => {
    const stated: [string, number][] = [
      ['a1', 1.0], ['b1', -0.25], ['c1', 0.1], ['d1', 0.05],
      ['b2', -0.25], ['c2', 0.01], ['d2', 0.01],
      ['c3', 0.05], ['d3', 0.02], ['b3', 0.01], ['a3', 0.1],
      ['d4', 0.01], ['b4', 0.01], ['a4', 0.05], ['c4', 0.02],
      ['h8', 1.0], ['g7', -0.25], ['e5', 0.01],
    ]; // biome-ignore format: square, value pairs read best by rank
    for (const [square, value] of stated) expect(at(STANDARD_WPC, square), square).toBe(value);
    expect(STANDARD_WPC.slice(0, 8)).toEqual([1, -0.25, 0.1, 0.05, 0.05, 0.1, -0.25, 1]);
    expect(STANDARD_WPC.slice(8, 16)).toEqual([-0.25, -0.25, 0.01, 0.01, 0.01, 0.01, -0.25, -0.25]);
    expect(STANDARD_WPC.slice(16, 24)).toEqual([0.1, 0.01, 0.05, 0.02, 0.02, 0.05, 0.01, 0.1]);
    expect(STANDARD_WPC.slice(24, 32)).toEqual([0.05, 0.01, 0.02, 0.01, 0.01, 0.02, 0.01, 0.05]);
  });

  it('is symmetric under the 8 board symmetries', () => {
    expectSymmetric(STANDARD_WPC);
  });

  it('values the start as 0 and a lone corner as 1', () => {
    expect(wpcValue(Position.initial().toCells())).toBe(0);
    const cells = new Uint8Array(64);
    cells[0] = 1;
    expect(wpcValue(cells)).toBe(1);
  });
});

describe('TEXTBOOK_WPC', () => {
  it('has the textbook values, symmetric, and differs from the standard table', () => {
    expect(at(TEXTBOOK_WPC, 'a1')).toBe(100);
    expect(at(TEXTBOOK_WPC, 'b1')).toBe(-20);
    expect(at(TEXTBOOK_WPC, 'b2')).toBe(-50);
    expect(at(TEXTBOOK_WPC, 'c1')).toBe(10);
    expect(at(TEXTBOOK_WPC, 'd1')).toBe(5);
    expect(at(TEXTBOOK_WPC, 'd4')).toBe(-1);
    expectSymmetric(TEXTBOOK_WPC);
    // not a rescaling of each other: the X-square is worse than the C-square only in the textbook
    expect(at(TEXTBOOK_WPC, 'b2') / at(TEXTBOOK_WPC, 'a1')).not.toBe(
      at(STANDARD_WPC, 'b2') / at(STANDARD_WPC, 'a1'),
    );
    expect(wpcTableName(STANDARD_WPC)).toBe('standard');
    expect(wpcTableName(TEXTBOOK_WPC)).toBe('textbook');
    expect(wpcTableName([...TEXTBOOK_WPC])).toBe('custom');
  });
});

describe('wpcEvaluator and wpcValue', () => {
  it('agree exactly (side to move vs black view), whatever order the discs are summed in', () => {
    for (const table of [STANDARD_WPC, TEXTBOOK_WPC]) {
      const evaluate = wpcEvaluator(table);
      for (const p of randomPositions(4, 3)) {
        const black = wpcValue(p.toCells(), table);
        const mover = evaluate(p.pLo, p.pHi, p.oLo, p.oHi);
        expect(mover + 0).toBe((p.player === 1 ? black : -black) + 0); // +0 and −0 alike
      }
    }
  });

  it('sums decimal weights exactly, so equal values compare equal', () => {
    const cells = (...squares: string[]): Uint8Array => {
      const out = new Uint8Array(64);
      for (const s of squares) out[nameToSquare(s)] = 1;
      return out;
    };
    // as plain floats a3 + c3 = 0.1 + 0.05 = 0.15000000000000002 and b3 + c3 = 0.060000000000000005
    expect(wpcValue(cells('a3', 'c3'))).toBe(0.15);
    expect(wpcValue(cells('b3', 'c3'))).toBe(0.06);
    // a3 + c3 (0.10 + 0.05) and c1 + d1 (0.10 + 0.05): the same value in any order
    expect(wpcValue(cells('a3', 'c3'))).toBe(wpcValue(cells('d1', 'c1')));
  });

  it('rejects a table that is not 64 finite numbers', () => {
    expect(() => wpcEvaluator([1, 2])).toThrow(/64 finite numbers/);
    expect(() => wpcValue(new Uint8Array(64), [...STANDARD_WPC.slice(1), Number.NaN])).toThrow(
      /64 finite/,
    );
  });
});
