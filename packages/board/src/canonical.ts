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

/** 3^0 .. 3^15 (shapes have at most 10 digits). */
const POWERS_OF_3 = Array.from({ length: 16 }, (_, i) => 3 ** i);

/** The index of configuration `index` (n digits, first most significant) with its digits moved by `map`. */
export function mirrorIndex(index: number, map: readonly number[]): number {
  const n = map.length;
  let rest = index;
  let mirrored = 0;
  for (let i = n - 1; i >= 0; i--) {
    mirrored += (rest % 3) * POWERS_OF_3[n - 1 - map[i]!]!;
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
    inverse += ((3 - (rest % 3)) % 3) * power; // 0 → 0, 1 → 2, 2 → 1
    rest = Math.floor(rest / 3);
    power *= 3;
  }
  return inverse;
}

/**
 * The canonical index and sign of an orbit given as `2m` candidates: m images of a configuration
 * under its self-symmetries (itself first), then their colour inverses in the same order. The
 * smallest wins; sign 1 when it is among the images only, -1 among the inverses only, 0 both.
 */
function orbitReference(
  candidates: ArrayLike<number>,
  images: number,
): { canon: number; sign: 1 | -1 | 0 } {
  let canon = candidates[0]!;
  for (let i = 1; i < 2 * images; i++) canon = Math.min(canon, candidates[i]!);
  let plain = false;
  let inverted = false;
  for (let i = 0; i < 2 * images; i++) {
    if (candidates[i] !== canon) continue;
    if (i < images) plain = true;
    else inverted = true;
  }
  return { canon, sign: plain && inverted ? 0 : inverted ? -1 : 1 };
}

/**
 * The canonical index of `index` (n digits) and how it reads that weight: the smallest index of
 * its orbit under the self-symmetries `maps` and colour inversion; sign 1 when reached without an
 * inversion, -1 only through one, 0 both ways.
 */
export function canonicalReference(
  index: number,
  n: number,
  maps: readonly (readonly number[])[],
): { canon: number; sign: 1 | -1 | 0 } {
  const images = [index, ...maps.map((map) => mirrorIndex(index, map))];
  return orbitReference(
    [...images, ...images.map((image) => inverseIndex(image, n))],
    images.length,
  );
}

/**
 * Both tables at once, by lookup tables per shape (each index's inverse and mirror images) rather
 * than canonicalReference per index: the module loads in every engine worker.
 */
function buildCanonicalTables(): { offsets: Uint32Array; signs: Int8Array } {
  const offsets = new Uint32Array(WEIGHTS_PER_STAGE);
  const signs = new Int8Array(WEIGHTS_PER_STAGE);
  for (const shape of PATTERN_SHAPES) {
    const size = shape.weightsPerStage;
    // inverse(i) = inverse(⌊i / 3⌋) · 3 + inverse of the last digit
    const inverse = new Int32Array(size);
    for (let i = 1; i < size; i++)
      inverse[i] = inverse[Math.floor(i / 3)]! * 3 + ((3 - (i % 3)) % 3);
    const mirrors = selfSymmetryMaps(shape).map((map) =>
      Int32Array.from({ length: size }, (_, i) => mirrorIndex(i, map)),
    );
    const images = mirrors.length + 1;
    const candidates = new Int32Array(2 * images);
    for (let index = 0; index < size; index++) {
      candidates[0] = index;
      mirrors.forEach((mirror, m) => {
        candidates[m + 1] = mirror[index]!;
      });
      for (let i = 0; i < images; i++) candidates[images + i] = inverse[candidates[i]!]!;
      const { canon, sign } = orbitReference(candidates, images);
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
