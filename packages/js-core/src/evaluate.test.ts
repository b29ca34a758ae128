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

  it('sums the hand-set weights of the configurations it is given, with their signs', () => {
    // feats holds offsets within a stage (shape offset + index). Index 0 of every shape (all
    // empty) is its own colour inverse: it reads 0 whatever its weight.
    const weights = new Float32Array(2 * WEIGHTS_PER_STAGE);
    for (const offset of SHAPE_OFFSETS) weights[offset] = 100;
    const feats = new Int32Array(46);
    // corner3x3 (shape 0): index 1 is c3 black, on the transpose's diagonal, so its own mirror;
    // index 2 (c3 white) is its colour inverse and reads the same weight negated.
    weights[1] = 1.5;
    feats.set([1, 2, 1], 0);
    // line4 (shape 5, a4..h4, reversed by its self-symmetry): 27 is e4 black; 81 (d4 black) is
    // its mirror image and 162 (d4 white) its mirror's inverse; 189 (d4 white, e4 black) has its
    // inverse as its mirror image, so it reads 0; 135 is its orbit's smallest index.
    const line4 = SHAPE_OFFSETS[5]!;
    weights[line4 + 27] = 0.25;
    weights[line4 + 135] = 1000;
    weights[line4 + 189] = 1000;
    feats.set([line4 + 189, line4 + 27, line4 + 81, line4 + 162], 3);
    // A weight of stage 1 must not count.
    weights[WEIGHTS_PER_STAGE + 1] = 100;
    expect(evalFeatures(weights, 0, feats, 0)).toBe(1.5 - 1.5 + 1.5 + 0 + 0.25 + 0.25 - 0.25);
    expect(evalFeatures(weights, WEIGHTS_PER_STAGE, feats, 0)).toBe(100 - 100 + 100);
  });

  it('reads 0 at the start position for any weights: its colour inverse is its mirror image', () => {
    const weights = randomWeights(WEIGHTS_PER_STAGE, 5);
    const feats = new Int32Array(46);
    extractInto(...colours(Position.initial()), feats, 0);
    expect(evalFeatures(weights, 0, feats, 0)).toBe(0);
  });

  it('adds in f64, in feature order, from f32 weights', () => {
    const weights = new Float32Array(WEIGHTS_PER_STAGE);
    const tenth = Math.fround(0.1);
    weights[1] = 1; // corner3x3 index 1, features 0..3
    weights[SHAPE_OFFSETS[1]! + 1] = 1e8; // corner2x5: index 1 reads it, its inverse 2 negated
    weights[SHAPE_OFFSETS[10]! + 1] = tenth; // diag4 index 1, features 6..9
    const feats = new Int32Array(46);
    feats.set([1, 1, 1, 1, SHAPE_OFFSETS[1]! + 1, SHAPE_OFFSETS[1]! + 2]);
    feats.fill(SHAPE_OFFSETS[10]! + 1, 6, 10);
    // In feature order, in f64: 4 + 1e8 - 1e8 keeps the 4 (f32 would lose it: its ulp at 1e8 is 8).
    const expected = 1 + 1 + 1 + 1 + 1e8 + -1e8 + tenth + tenth + tenth + tenth;
    expect(evalFeatures(weights, 0, feats, 0)).toBe(expected);
    expect(expected).toBeCloseTo(4.4, 6);
  });

  it('is exactly symmetric: a position and its 8 images have one value, its colour inverse the negated value', () => {
    const engine = createJsEngine();
    try {
      // Random everywhere, non-canonical entries included: those are never read.
      engine.setState(randomState(engine.getState(), 21));
      // The start position is left out: it reads 0 (its colour inverse is its mirror image).
      for (const position of randomPositions(3, 5).filter((p) => p.discs() > 4)) {
        const value = engine.evaluate(position.toCells(), position.player);
        expect(value).not.toBe(0);
        for (let k = 1; k < 8; k++) {
          const image = transformPosition(k, position);
          const imageValue = engine.evaluate(image.toCells(), image.player);
          expect(Object.is(imageValue, value), `${position.toObf()} k=${k}`).toBe(true);
        }
        const swapped = colourSwapped(position);
        expect(engine.evaluate(swapped.toCells(), swapped.player)).toBe(-value);
      }
    } finally {
      engine.dispose();
    }
  });
});

/** The position with black and white swapped and the other side to move. */
function colourSwapped(position: Position): Position {
  const cells = position.toCells().map((c) => (c === 0 ? 0 : 3 - c));
  return Position.fromCells(cells, 3 - position.player);
}

/** Deterministic f32 weights in [-2, 2). */
function randomWeights(length: number, seed: number): Float32Array {
  const weights = new Float32Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    weights[i] = (x / 2 ** 32) * 4 - 2;
  }
  return weights;
}
