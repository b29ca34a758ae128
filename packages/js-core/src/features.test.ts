import { featureIndicesInto, flipsInto, PATTERN_FEATURES, Position } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import {
  childFeaturesInto,
  extractInto,
  FEATURE_BASE,
  offsetsToIndices,
  SQ_START,
} from './features';
import { colours } from './test-support';
import { randomPositions } from '@prismind/test-support';

function reference(p: Position): number[] {
  const out = new Uint32Array(46);
  const [bLo, bHi, wLo, wHi] = colours(p);
  featureIndicesInto(bLo, bHi, wLo, wHi, out);
  return Array.from(out);
}

function fast(p: Position): Int32Array {
  const out = new Int32Array(46);
  const [bLo, bHi, wLo, wHi] = colours(p);
  extractInto(bLo, bHi, wLo, wHi, out, 0);
  return out;
}

describe('fast features', () => {
  const positions = randomPositions(60, 31);

  it('tables list every (feature, square) membership once', () => {
    const total = PATTERN_FEATURES.reduce((n, f) => n + f.squares.length, 0);
    expect(SQ_START[64]).toBe(total);
    expect(total).toBe(356);
  });

  it('extraction from scratch equals board reference on random positions', () => {
    expect(positions.length).toBeGreaterThan(3000);
    for (const p of positions) {
      const feats = fast(p);
      expect(Array.from(offsetsToIndices(feats, 0)), p.toObf()).toEqual(reference(p));
      expect(feats.every((o, f) => o >= FEATURE_BASE[f]!)).toBe(true);
    }
  });

  it('incremental updates along every move equal extraction from scratch', () => {
    const flips = new Int32Array(2);
    let checked = 0;
    for (const p of positions) {
      const parent = fast(p);
      for (const sq of p.legalMoves()) {
        flipsInto(p.pLo, p.pHi, p.oLo, p.oHi, sq, flips, 0);
        const child = new Int32Array(46);
        childFeaturesInto(parent, 0, child, 0, p.player === 1, sq, flips[0]!, flips[1]!);
        expect(Array.from(child)).toEqual(Array.from(fast(p.play(sq))));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('updates in place too', () => {
    const p = Position.initial();
    const feats = fast(p);
    const flips = new Int32Array(2);
    flipsInto(p.pLo, p.pHi, p.oLo, p.oHi, 19, flips, 0);
    childFeaturesInto(feats, 0, feats, 0, true, 19, flips[0]!, flips[1]!);
    expect(Array.from(feats)).toEqual(Array.from(fast(p.play(19))));
  });
});
