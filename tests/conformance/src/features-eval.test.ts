import { type Position, transformCells, transformPosition } from '@prismind/board';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackendPair, createBackends, disposeBackends } from './support';
import { randomPositions, randomState, sample } from '@prismind/test-support';

describe('features and evaluation agree across backends', () => {
  let pair: BackendPair;
  const positions = randomPositions(40, 7);

  beforeAll(() => {
    pair = createBackends();
    const state = randomState(pair.js.getState(), 11);
    pair.js.setState(state);
    pair.native.setState(state);
  });
  afterAll(() => disposeBackends(pair));

  it('uses hundreds of positions from every phase of the game', () => {
    expect(positions.length).toBeGreaterThan(1500);
    const discs = new Set(positions.map((p) => p.discs()));
    expect(discs.size).toBeGreaterThan(55);
  });

  it('computes the same 46 feature indices', () => {
    for (const position of positions) {
      const cells = position.toCells();
      const js = Array.from(pair.js.featureIndices(cells));
      const native = Array.from(pair.native.featureIndices(cells));
      expect(native).toEqual(js);
      expect(js).toHaveLength(46);
    }
  });

  it('evaluates bit for bit the same with the same weights', () => {
    let nonZero = 0;
    for (const position of positions) {
      const cells = position.toCells();
      const js = pair.js.evaluate(cells, position.player);
      const native = pair.native.evaluate(cells, position.player);
      expect(Object.is(native, js), `${position.toObf()}: js ${js} native ${native}`).toBe(true);
      if (js !== 0) nonZero++;
    }
    // Only a position whose colour inverse is one of its images (the start, some openings)
    // reads 0 for any weights.
    expect(nonZero).toBe(positions.filter((p) => !inverseIsAnImage(p)).length);
    expect(nonZero).toBeGreaterThan(positions.length - 100);
  });

  it('reads the same weights by (shape, stage, index)', () => {
    for (const [shape, stage, index] of [
      [0, 0, 0],
      [1, 29, 59048],
      [10, 15, 80],
      [6, 3, 1234],
    ] as const) {
      expect(pair.native.getWeight(shape, stage, index)).toBe(
        pair.js.getWeight(shape, stage, index),
      );
    }
  });

  it('evaluates a position with its colours swapped to the negated value (tied colour weights)', () => {
    for (const position of sample(positions, 100)) {
      const value = pair.js.evaluate(position.toCells(), position.player);
      const swapped = colourSwapped(position.toCells());
      for (const engine of [pair.js, pair.native]) {
        // a + b is 0 exactly when a = −b (and a zero's sign is not part of a value)
        expect(engine.evaluate(swapped, position.player === 1 ? 2 : 1) + value).toBe(0);
      }
    }
  });

  it('evaluates a position and its 8 images to one value (tied mirror weights)', () => {
    for (const position of sample(positions, 40)) {
      const value = pair.js.evaluate(position.toCells(), position.player);
      for (let k = 1; k < 8; k++) {
        const image = transformPosition(k, position);
        for (const engine of [pair.js, pair.native]) {
          const imageValue = engine.evaluate(image.toCells(), image.player);
          expect(Object.is(imageValue, value), `${engine.backend} k=${k}`).toBe(true);
        }
      }
    }
  });

  it('reads a mirror index as its canonical weight, a colour inverse negated', () => {
    // line2 (shape 3): a2 black (3^7 = 2187) mirrors to h2 black (index 1), the canonical one;
    // h2 white (2) and a2 white (4374) are their inverses; a2 black with h2 white (2189) has its
    // inverse as its mirror image, so it reads 0.
    for (const engine of [pair.js, pair.native]) {
      const w = engine.getWeight(3, 4, 1);
      expect(w).not.toBe(0);
      expect(engine.getWeight(3, 4, 2187)).toBe(w);
      expect(engine.getWeight(3, 4, 2)).toBe(-w);
      expect(engine.getWeight(3, 4, 4374)).toBe(-w);
      expect(engine.getWeight(3, 4, 2189)).toBe(0);
    }
  });

  it('accepts number[], Int8Array and Uint8Array alike', () => {
    for (const position of sample(positions, 20)) {
      const cells = position.toCells();
      const expected = pair.js.evaluate(cells, position.player);
      for (const engine of [pair.js, pair.native]) {
        expect(engine.evaluate(Array.from(cells), position.player)).toBe(expected);
        expect(engine.evaluate(Int8Array.from(cells), position.player)).toBe(expected);
      }
    }
  });
});

/** 64 cells with black and white swapped. */
function colourSwapped(cells: Uint8Array): Uint8Array {
  return cells.map((c) => (c === 0 ? 0 : 3 - c));
}

/** True when the position with its colours swapped is one of its 8 images. */
function inverseIsAnImage(position: Position): boolean {
  const swapped = colourSwapped(position.toCells()).join();
  for (let k = 0; k < 8; k++)
    if (transformCells(k, position.toCells()).join() === swapped) return true;
  return false;
}
