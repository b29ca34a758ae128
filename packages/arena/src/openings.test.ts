import { Position, replayMoves, transformPosition } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import { standardOpenings } from './openings';

describe('standardOpenings', () => {
  const openings = standardOpenings();

  it('has the 60 symmetry classes of four-ply positions, each starting with f5', () => {
    expect(openings).toHaveLength(60);
    for (const o of openings) {
      expect(o.moves).toHaveLength(4);
      expect(o.transcript.startsWith('f5')).toBe(true);
      expect(replayMoves(o.moves).final.equals(o.position)).toBe(true);
    }
  });

  it('no two are images of each other under a symmetry', () => {
    const seen = new Set<string>();
    for (const o of openings) {
      for (let k = 0; k < 8; k++) {
        expect(seen.has(transformPosition(k, o.position).toObf()), o.transcript).toBe(false);
      }
      seen.add(o.position.toObf());
    }
  });

  it('covers every four-ply position up to symmetry', () => {
    const classes = new Set<string>();
    for (const o of openings) {
      for (let k = 0; k < 8; k++) classes.add(transformPosition(k, o.position).toObf());
    }
    const walk = (p: Position, plies: number): void => {
      if (plies === 0) {
        expect(classes.has(p.toObf())).toBe(true);
        return;
      }
      for (const m of p.legalMoves()) walk(p.play(m), plies - 1);
    };
    walk(Position.initial(), 4);
  });

  it('is in a stable order and takes the first N', () => {
    expect(openings.slice(0, 3).map((o) => o.transcript)).toEqual([
      'f5f4c3c4',
      'f5f4c3c6',
      'f5f4c3d6',
    ]);
    expect(standardOpenings({ count: 5 }).map((o) => o.transcript)).toEqual(
      openings.slice(0, 5).map((o) => o.transcript),
    );
    expect(standardOpenings({ plies: 2 }).map((o) => o.transcript)).toEqual([
      'f5f4',
      'f5d6',
      'f5f6',
    ]);
  });

  it('rejects bad options', () => {
    expect(() => standardOpenings({ plies: 0 })).toThrow(/plies/);
    expect(() => standardOpenings({ count: 0 })).toThrow(/count/);
  });
});
