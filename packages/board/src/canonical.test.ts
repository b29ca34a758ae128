import { describe, expect, it } from 'vitest';
import { CANONICAL_OFFSETS, mirrorIndex, selfSymmetryMaps } from './canonical';
import { PATTERN_SHAPES, type PatternShape, WEIGHTS_PER_STAGE } from './patterns';
import { transformCells } from './symmetry';

/**
 * canon(index) computed on boards: put the configuration on the base squares (cell values are the
 * digits: 0 empty, 1 black, 2 white), and for every symmetry k mapping the base's squares onto
 * themselves, read the base's index in the image.
 */
function naiveCanon(shape: PatternShape, index: number): number {
  const n = shape.size;
  const cells = new Uint8Array(64);
  shape.base.forEach((square, i) => {
    cells[square] = Math.floor(index / 3 ** (n - 1 - i)) % 3;
  });
  const baseSet = [...shape.base].sort((a, b) => a - b).join();
  let canon = index;
  for (let k = 1; k < 8; k++) {
    const image = transformCells(k, cells);
    const imageOfBase = transformCells(
      k,
      Uint8Array.from({ length: 64 }, (_, s) => (shape.base.includes(s) ? 1 : 0)),
    );
    const imageSet = [...imageOfBase.keys()].filter((s) => imageOfBase[s] === 1).join();
    if (imageSet !== baseSet) continue;
    canon = Math.min(
      canon,
      shape.base.reduce((acc, square) => acc * 3 + image[square]!, 0),
    );
  }
  return canon;
}

describe('tied mirror weights (canonical index)', () => {
  it('matches a computation on boards for a sample of every shape', () => {
    expect(CANONICAL_OFFSETS.length).toBe(WEIGHTS_PER_STAGE);
    for (const shape of PATTERN_SHAPES) {
      for (let index = 0; index < shape.weightsPerStage; index += 97) {
        expect(CANONICAL_OFFSETS[shape.offset + index], `${shape.name} ${index}`).toBe(
          shape.offset + naiveCanon(shape, index),
        );
      }
    }
  });

  it('ties half of the non-symmetric configurations of every shape but corner2x5', () => {
    let notAFixedPointBelow = 0;
    const tied = PATTERN_SHAPES.map((shape) => {
      let count = 0;
      for (let index = 0; index < shape.weightsPerStage; index++) {
        const canon = CANONICAL_OFFSETS[shape.offset + index]!;
        if (canon > shape.offset + index || CANONICAL_OFFSETS[canon] !== canon)
          notAFixedPointBelow++;
        if (canon !== shape.offset + index) count++;
      }
      return count;
    });
    expect(notAFixedPointBelow).toBe(0);
    // A self-symmetry swapping p digit pairs leaves 3^(n-p) indices alone and ties the other half.
    expect(tied).toEqual([9477, 0, 29403, 3240, 3240, 3240, 3240, 1053, 351, 108, 36]);
  });

  it('derives one digit map per shape: the corner transpose and the line reversals', () => {
    const maps = PATTERN_SHAPES.map((shape) => selfSymmetryMaps(shape));
    expect(maps[0]).toEqual([[0, 3, 6, 1, 4, 7, 2, 5, 8]]);
    expect(maps[1]).toEqual([]);
    for (const s of [2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const n = PATTERN_SHAPES[s]!.size;
      expect(maps[s]).toEqual([Array.from({ length: n }, (_, i) => n - 1 - i)]);
    }
    // corner3x3: b3 (digit 7, 3^1) moves to c2 (digit 5, 3^3).
    expect(mirrorIndex(3, maps[0]![0]!)).toBe(27);
  });
});
