import { describe, expect, it } from 'vitest';
import { CANONICAL_OFFSETS, CANONICAL_SIGNS, mirrorIndex, selfSymmetryMaps } from './canonical';
import { PATTERN_SHAPES, type PatternShape, WEIGHTS_PER_STAGE } from './patterns';
import { transformCells } from './symmetry';

/**
 * canon(index) and its sign computed on boards: put the configuration on the base squares (cell
 * values are the digits: 0 empty, 1 black, 2 white); for every symmetry k mapping the base's squares
 * onto themselves (k = 0 included), read the base's index in the image (sign 1) and in the image
 * with the colours swapped (sign -1). The smallest index wins; its sign is 0 when read both ways.
 */
function naiveCanon(shape: PatternShape, index: number): { canon: number; sign: number } {
  const n = shape.size;
  const cells = new Uint8Array(64);
  shape.base.forEach((square, i) => {
    cells[square] = Math.floor(index / 3 ** (n - 1 - i)) % 3;
  });
  const baseSet = [...shape.base].sort((a, b) => a - b).join();
  const readings: [number, number][] = [];
  for (let k = 0; k < 8; k++) {
    const image = transformCells(k, cells);
    const imageOfBase = transformCells(
      k,
      Uint8Array.from({ length: 64 }, (_, s) => (shape.base.includes(s) ? 1 : 0)),
    );
    const imageSet = [...imageOfBase.keys()].filter((s) => imageOfBase[s] === 1).join();
    if (imageSet !== baseSet) continue;
    const swapped = image.map((c) => (c === 0 ? 0 : 3 - c));
    readings.push([shape.base.reduce((acc, square) => acc * 3 + image[square]!, 0), 1]);
    readings.push([shape.base.reduce((acc, square) => acc * 3 + swapped[square]!, 0), -1]);
  }
  const canon = Math.min(...readings.map(([i]) => i));
  const signs = new Set(readings.filter(([i]) => i === canon).map(([, sign]) => sign));
  return { canon, sign: signs.size === 2 ? 0 : [...signs][0]! };
}

describe('tied mirror and colour weights (canonical index and sign)', () => {
  it('matches a computation on boards for a sample of every shape', () => {
    expect(CANONICAL_OFFSETS.length).toBe(WEIGHTS_PER_STAGE);
    for (const shape of PATTERN_SHAPES) {
      for (let index = 0; index < shape.weightsPerStage; index += 97) {
        const { canon, sign } = naiveCanon(shape, index);
        const o = shape.offset + index;
        expect([CANONICAL_OFFSETS[o], CANONICAL_SIGNS[o]], `${shape.name} ${index}`).toEqual([
          shape.offset + canon,
          sign,
        ]);
      }
    }
  });

  it('pairs each configuration with its colour inverse; those whose mirror is their inverse read 0', () => {
    let notAFixedPointBelow = 0;
    const counts = PATTERN_SHAPES.map((shape) => {
      const count = [0, 0, 0]; // read as they are, negated, as 0
      for (let index = 0; index < shape.weightsPerStage; index++) {
        const o = shape.offset + index;
        const canon = CANONICAL_OFFSETS[o]!;
        const sign = CANONICAL_SIGNS[o]!;
        if (canon > o || CANONICAL_OFFSETS[canon] !== canon) notAFixedPointBelow++;
        if (CANONICAL_SIGNS[canon] !== Math.abs(sign)) notAFixedPointBelow++;
        count[sign === 1 ? 0 : sign === -1 ? 1 : 2]!++;
      }
      return count;
    });
    expect(notAFixedPointBelow).toBe(0);
    // Reading 0: each digit pair the self-symmetry swaps holds a digit and its inverse and each
    // unmoved digit is empty, so 3^p configurations for p swapped pairs (corner3x3's transpose
    // swaps 3, a reversal of n digits floor(n/2); corner2x5 only the empty one). The rest pair off.
    const zero = [27, 1, 243, 81, 81, 81, 81, 27, 27, 9, 9];
    expect(counts).toEqual(
      PATTERN_SHAPES.map((shape, s) => {
        const paired = (shape.weightsPerStage - zero[s]!) / 2;
        return [paired, paired, zero[s]];
      }),
    );
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
