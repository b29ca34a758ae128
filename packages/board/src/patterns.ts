import { SHAPE_BASES } from './pattern-bases.generated';
import { nameToSquare } from './squares';
import { SYMMETRY_TABLE } from './symmetry';

/**
 * Pattern geometry of the pattern set (docs/engine-spec.md, "Patterns"). Only the base squares
 * of each shape are data (docs/patterns.json, generated into pattern-bases.generated.ts, the
 * same data the Rust engine is generated from); the instances follow from the symmetry rule: the
 * images of the base under k = 0..7, keeping an image only if its set of squares is new (the first
 * k wins). A test compares the result with the table in docs/engine-spec.md.
 */

/** One instance of a shape: the base's image under `symmetry`, squares in digit order. */
export interface PatternInstance {
  readonly symmetry: number;
  readonly squares: readonly number[];
}

export interface PatternShape {
  /** Shape number 0..10, its place in the weight layout. */
  readonly id: number;
  readonly name: string;
  /** Squares per instance (n). */
  readonly size: number;
  /** Base squares in digit order (first square most significant). */
  readonly base: readonly number[];
  /** 3^n. */
  readonly weightsPerStage: number;
  /** Where this shape's table starts inside a stage (running sum of weightsPerStage). */
  readonly offset: number;
  readonly instances: readonly PatternInstance[];
}

/** One of the 46 features of a position, in feature order. */
export interface PatternFeature {
  readonly feature: number;
  readonly shape: number;
  /** Index of the instance within its shape. */
  readonly instance: number;
  readonly symmetry: number;
  readonly squares: readonly number[];
}

function generateInstances(base: readonly number[]): PatternInstance[] {
  const seen = new Set<string>();
  const instances: PatternInstance[] = [];
  for (let k = 0; k < 8; k++) {
    const squares = base.map((s) => SYMMETRY_TABLE[k * 64 + s]!);
    const key = [...squares].sort((a, b) => a - b).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    instances.push(Object.freeze({ symmetry: k, squares: Object.freeze(squares) }));
  }
  return instances;
}

function generateShapes(): PatternShape[] {
  let offset = 0;
  return SHAPE_BASES.map(([name, names], id) => {
    const base = names.split(' ').map(nameToSquare);
    const weightsPerStage = 3 ** base.length;
    const shape: PatternShape = Object.freeze({
      id,
      name,
      size: base.length,
      base: Object.freeze(base),
      weightsPerStage,
      offset,
      instances: Object.freeze(generateInstances(base)),
    });
    offset += weightsPerStage;
    return shape;
  });
}

/** The 11 shapes of the pattern set in weight-layout order. */
export const PATTERN_SHAPES: readonly PatternShape[] = Object.freeze(generateShapes());

/** The 46 features in feature order (shapes in order, instances in order). */
export const PATTERN_FEATURES: readonly PatternFeature[] = Object.freeze(
  PATTERN_SHAPES.flatMap((shape) =>
    shape.instances.map((inst, instance) => ({ shape: shape.id, instance, inst })),
  ).map(({ shape, instance, inst }, feature) =>
    Object.freeze({ feature, shape, instance, symmetry: inst.symmetry, squares: inst.squares }),
  ),
);

/** Features per position (46). */
export const FEATURE_COUNT: number = PATTERN_FEATURES.length;
/** Weights per stage: the sum of 3^n over the shapes (167,265). */
export const WEIGHTS_PER_STAGE: number = PATTERN_SHAPES.reduce((a, s) => a + s.weightsPerStage, 0);
/** SHAPE_OFFSETS[shape]: start of the shape's table inside a stage. */
export const SHAPE_OFFSETS: readonly number[] = Object.freeze(PATTERN_SHAPES.map((s) => s.offset));
/** Number of shapes (11). */
export const SHAPE_COUNT: number = PATTERN_SHAPES.length;

/**
 * Flat tables for engines (treat as read-only): FEATURE_SHAPE[f] is the shape of feature f; its
 * squares are FEATURE_SQUARES[FEATURE_START[f] .. FEATURE_START[f + 1]) in digit order.
 */
export const FEATURE_SHAPE: Uint8Array = Uint8Array.from(PATTERN_FEATURES, (f) => f.shape);
export const FEATURE_START: Uint16Array = (() => {
  const start = new Uint16Array(PATTERN_FEATURES.length + 1);
  PATTERN_FEATURES.forEach((f, i) => {
    start[i + 1] = start[i]! + f.squares.length;
  });
  return start;
})();
export const FEATURE_SQUARES: Uint8Array = Uint8Array.from(
  PATTERN_FEATURES.flatMap((f) => f.squares),
);

/**
 * Per-square terms for incremental feature updates (treat as read-only): square s appears in the
 * features SQUARE_TERM_FEATURE[j] with digit weight SQUARE_TERM_POWER[j] (3^(n-1-i)) for j in
 * SQUARE_TERM_START[s] .. SQUARE_TERM_START[s + 1]. When square s changes from digit a to b, every
 * such feature's index changes by (b - a) · power.
 */
export const SQUARE_TERM_START: Uint16Array = new Uint16Array(65);
export const SQUARE_TERM_FEATURE: Uint8Array = new Uint8Array(FEATURE_SQUARES.length);
export const SQUARE_TERM_POWER: Uint32Array = new Uint32Array(FEATURE_SQUARES.length);
(() => {
  const terms: [number, number, number][] = []; // square, feature, power
  for (const f of PATTERN_FEATURES) {
    const n = f.squares.length;
    f.squares.forEach((s, i) => {
      terms.push([s, f.feature, 3 ** (n - 1 - i)]);
    });
  }
  terms.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  terms.forEach(([s, feature, power], j) => {
    SQUARE_TERM_FEATURE[j] = feature;
    SQUARE_TERM_POWER[j] = power;
    SQUARE_TERM_START[s + 1] = j + 1;
  });
  for (let s = 1; s <= 64; s++) {
    SQUARE_TERM_START[s] = Math.max(SQUARE_TERM_START[s]!, SQUARE_TERM_START[s - 1]!);
  }
})();
