import { PATTERN_SHAPES, type PatternShape, WEIGHTS_PER_STAGE } from './patterns';
import { SYMMETRY_TABLE } from './symmetry';

/**
 * Tied weights (docs/engine-spec.md, "Tied mirror and colour weights"): a configuration, its image
 * under a symmetry that maps the shape's base onto its own squares, and its colour inverse (black and
 * white swapped) share one weight, the one at the smallest index of the orbit; the inverse reads it
 * negated, so the evaluation of a position with the colours swapped is the negated evaluation. A
 * configuration that is its own inverse up to a mirror reads 0. Derived from the base squares at
 * load time, like the instances.
 */

/**
 * The digit maps of the shape's self-symmetries k in 1..7 (those mapping the base's set of squares
 * onto itself): digit i moves to digit map[i]. One per distinct map, the identity left out.
 */
export function selfSymmetryMaps(shape: PatternShape): number[][] {
  const maps: number[][] = [];
  for (let k = 1; k < 8; k++) {
    const map = shape.base.map((square) => shape.base.indexOf(SYMMETRY_TABLE[k * 64 + square]!));
    if (map.includes(-1) || map.every((to, i) => to === i)) continue;
    if (maps.some((m) => m.every((to, i) => to === map[i]))) continue;
    maps.push(map);
  }
  return maps;
}

/** The index of configuration `index` (n digits, first most significant) with its digits moved by `map`. */
export function mirrorIndex(index: number, map: readonly number[]): number {
  const n = map.length;
  let rest = index;
  let mirrored = 0;
  for (let i = n - 1; i >= 0; i--) {
    mirrored += (rest % 3) * 3 ** (n - 1 - map[i]!);
    rest = Math.floor(rest / 3);
  }
  return mirrored;
}

/** The index of an n-digit configuration with every black digit (1) made white (2) and back. */
export function inverseIndex(index: number, n: number): number {
  let rest = index;
  let inverse = 0;
  let power = 1;
  for (let i = 0; i < n; i++) {
    inverse += [0, 2, 1][rest % 3]! * power;
    rest = Math.floor(rest / 3);
    power *= 3;
  }
  return inverse;
}

/**
 * The canonical index of `index` and how it reads that weight: the smallest index of its orbit under
 * the self-symmetries `maps` and colour inversion; sign 1 when reached without an inversion, -1
 * only through one, 0 both ways.
 */
export function canonicalReference(
  index: number,
  n: number,
  maps: readonly number[][],
): { canon: number; sign: 1 | -1 | 0 } {
  let canon = Infinity;
  let plain = false;
  let inverted = false;
  for (const image of [index, ...maps.map((map) => mirrorIndex(index, map))]) {
    for (const [candidate, throughInverse] of [
      [image, false],
      [inverseIndex(image, n), true],
    ] as const) {
      if (candidate < canon) [canon, plain, inverted] = [candidate, false, false];
      if (candidate === canon) {
        if (throughInverse) inverted = true;
        else plain = true;
      }
    }
  }
  return { canon, sign: plain && inverted ? 0 : inverted ? -1 : 1 };
}

function buildCanonicalTables(): { offsets: Uint32Array; signs: Int8Array } {
  const offsets = new Uint32Array(WEIGHTS_PER_STAGE);
  const signs = new Int8Array(WEIGHTS_PER_STAGE);
  for (const shape of PATTERN_SHAPES) {
    const maps = selfSymmetryMaps(shape);
    for (let index = 0; index < shape.weightsPerStage; index++) {
      const { canon, sign } = canonicalReference(index, shape.base.length, maps);
      offsets[shape.offset + index] = shape.offset + canon;
      signs[shape.offset + index] = sign;
    }
  }
  return { offsets, signs };
}

const CANONICAL = buildCanonicalTables();

/**
 * CANONICAL_OFFSETS[o] for every offset o within a stage (shape offset + index): the offset of the
 * weight it reads, shape offset + canon(index). Treat as read-only.
 */
export const CANONICAL_OFFSETS: Uint32Array = CANONICAL.offsets;

/**
 * CANONICAL_SIGNS[o]: how offset o reads its canonical weight, 1, -1 (a colour inverse) or 0; the
 * value it adds to the evaluation is sign · weight, and the TD gradient of the weight is sign times
 * the position's term. Treat as read-only.
 */
export const CANONICAL_SIGNS: Int8Array = CANONICAL.signs;
