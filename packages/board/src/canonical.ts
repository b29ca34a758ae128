import { PATTERN_SHAPES, type PatternShape, WEIGHTS_PER_STAGE } from './patterns';
import { SYMMETRY_TABLE } from './symmetry';

/**
 * Tied mirror weights (docs/engine-spec.md, "Tied mirror weights"): a configuration and its image
 * under a symmetry that maps the shape's base onto its own squares share one weight, the one at the
 * smallest index of the orbit. Derived from the base squares at load time, like the instances.
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

/**
 * CANONICAL_OFFSETS[o] for every offset o within a stage (shape offset + index): the offset of the
 * weight it reads, shape offset + canon(index). Treat as read-only.
 */
export const CANONICAL_OFFSETS: Uint32Array = (() => {
  const table = new Uint32Array(WEIGHTS_PER_STAGE);
  for (const shape of PATTERN_SHAPES) {
    const maps = selfSymmetryMaps(shape);
    for (let index = 0; index < shape.weightsPerStage; index++) {
      let canon = index;
      for (const map of maps) canon = Math.min(canon, mirrorIndex(index, map));
      table[shape.offset + index] = shape.offset + canon;
    }
  }
  return table;
})();
