import { Position, SHAPE_OFFSETS, transformPosition, WEIGHTS_PER_STAGE } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import { createJsEngine } from './engine';
import { evalFeatures, stageBaseTable } from './evaluate';
import { extractInto } from './features';
import { colours } from './test-support';
import { randomPositions, randomState } from '@prismind/test-support';

describe('evaluation', () => {
  it('stage bases follow floor((discs - 4) * S / 61)', () => {
    const t30 = stageBaseTable(30);
    expect(t30[4]).toBe(0);
    expect(t30[6]).toBe(0);
    expect(t30[7]).toBe(WEIGHTS_PER_STAGE); // floor(3 * 30 / 61) = 1
    expect(t30[64]).toBe(29 * WEIGHTS_PER_STAGE);
    const t1 = stageBaseTable(1);
    expect(t1[64]).toBe(0);
    const t61 = stageBaseTable(61);
    expect(t61[64]).toBe(60 * WEIGHTS_PER_STAGE);
  });

  it('sums the hand-set weights of the start position', () => {
    // Start: black d5 (35) e4 (28), white d4 (27) e5 (36); stage 0 with any stage count.
    // Features: corner3x3 0..3, corner2x5 4..11, edge2x 12..15, line2 16..19, line3 20..23,
    // line4 24..27, diag8 28..29, diag7 30..33, diag6 34..37, diag5 38..41, diag4 42..45.
    const weights = new Float32Array(2 * WEIGHTS_PER_STAGE);
    const feats = new Int32Array(46);
    extractInto(...colours(Position.initial()), feats, 0);
    // diag8 sym 0 (a1 b2 c3 d4 e5 f6 g7 h8): d4 = 2 at 3^4, e5 = 2 at 3^3; hit once.
    const diag8 = SHAPE_OFFSETS[6]! + 2 * 81 + 2 * 27;
    expect(feats[28]).toBe(diag8);
    weights[diag8] = 1.5;
    // line4 sym 0 (a4..h4): d4 = 2 at 3^4, e4 = 1 at 3^3; the d-file (sym 4: d1..d8, d4 = 2 at
    // 3^4, d5 = 1 at 3^3) has the same index. Its mirror (a4..h4 reversed: d4 = 1 at 3^4, e4 = 2
    // at 3^3) is the smaller index, so that weight is read, twice; line4 sym 2 (a5..h5: d5 = 1,
    // e5 = 2) and the e-file are the mirror configuration itself: the weight counts four times.
    const line4 = SHAPE_OFFSETS[5]! + 2 * 81 + 27;
    const line4Mirror = SHAPE_OFFSETS[5]! + 81 + 2 * 27;
    expect(feats[24]).toBe(line4);
    expect(feats[26]).toBe(line4);
    expect(feats[25]).toBe(line4Mirror);
    expect(feats[27]).toBe(line4Mirror);
    weights[line4] = 1000; // never read: not canonical
    weights[line4Mirror] = -0.25;
    // corner3x3 all empty (index 0) in its 4 instances.
    weights[0] = 0.125;
    // A weight of stage 1 must not count.
    weights[WEIGHTS_PER_STAGE + diag8] = 100;
    expect(evalFeatures(weights, 0, feats, 0)).toBe(1.5 - 4 * 0.25 + 4 * 0.125);
    expect(evalFeatures(weights, WEIGHTS_PER_STAGE, feats, 0)).toBe(100);
  });

  it('adds in f64, in feature order, from f32 weights', () => {
    const weights = new Float32Array(WEIGHTS_PER_STAGE);
    const feats = new Int32Array(46);
    extractInto(...colours(Position.initial()), feats, 0);
    const tenth = Math.fround(0.1);
    weights[0] = 1; // features 0..3
    weights[feats[28]!] = 1e8; // diag8 sym 0, once
    weights[feats[29]!] = -1e8; // diag8 sym 1, once
    weights[SHAPE_OFFSETS[10]!] = tenth; // diag4 empty, features 42..45
    // In feature order, in f64: 4 + 1e8 - 1e8 keeps the 4 (f32 would lose it: its ulp at 1e8 is 8).
    const expected = 1 + 1 + 1 + 1 + 1e8 + -1e8 + tenth + tenth + tenth + tenth;
    expect(evalFeatures(weights, 0, feats, 0)).toBe(expected);
    expect(expected).toBeCloseTo(4.4, 6);
  });

  it('is exactly symmetric: a position and its 8 images have one value (tied mirror weights)', () => {
    const engine = createJsEngine();
    try {
      // Random everywhere, non-canonical entries included: those are never read.
      engine.setState(randomState(engine.getState(), 21));
      for (const position of randomPositions(3, 5)) {
        const value = engine.evaluate(position.toCells(), position.player);
        expect(value).not.toBe(0);
        for (let k = 1; k < 8; k++) {
          const image = transformPosition(k, position);
          const imageValue = engine.evaluate(image.toCells(), image.player);
          expect(Object.is(imageValue, value), `${position.toObf()} k=${k}`).toBe(true);
        }
      }
    } finally {
      engine.dispose();
    }
  });
});
