import {
  featureIndices,
  PATTERN_FEATURES,
  type PatternFeature,
  SQUARE_NAMES,
  stageOf,
  weightOffset,
  weightSign,
} from '@prismind/board';
import type { CellsInput, ModelState } from '@prismind/board/contracts';
import { boardToAscii } from './board-view';
import { checkCells } from './cells';
import { DebugError } from './errors';
import { findShape } from './model';

/** One square of a pattern instance, in digit order. */
export interface PatternSquare {
  square: number;
  name: string;
  /** 0 empty, 1 black, 2 white: the base-3 digit. */
  state: number;
  /** 3^(n−1−i): what this square's digit is multiplied by in the index. */
  power: number;
}

/** A pattern instance on a position: its squares, their states, its index and its weights. */
export interface PatternView {
  /** Feature number 0..45 (feature order). */
  feature: number;
  shape: number;
  pattern: string;
  /** Instance within the shape, and the symmetry that made it. */
  instance: number;
  symmetry: number;
  squares: PatternSquare[];
  /** The base-3 index (first square most significant). */
  index: number;
  /** The index's base-3 digits as a string, first square first. */
  digits: string;
  /** The position's stage (by disc count). */
  stage: number;
  /** The weight this feature contributes at the position's stage. */
  weight: number;
  /** The weight of this index in every stage (stage 0 first): how it was learned over the game. */
  weightsByStage: number[];
  /** The board with the pattern's squares in brackets. */
  picture: string;
}

function featureList(patternId: number | string): readonly PatternFeature[] {
  if (typeof patternId === 'number') {
    const f = PATTERN_FEATURES[patternId];
    if (f === undefined || !Number.isInteger(patternId)) {
      throw new DebugError(
        'DEBUG_INVALID_INPUT',
        `pattern ${patternId} does not exist; expected a feature number 0..${PATTERN_FEATURES.length - 1} or a shape name`,
        { details: { patternId } },
      );
    }
    return [f];
  }
  const shape = findShape(patternId);
  return PATTERN_FEATURES.filter((f) => f.shape === shape.id);
}

function viewOf(
  f: PatternFeature,
  cells: Uint8Array,
  index: number,
  state: ModelState,
): PatternView {
  const shape = findShape(f.shape);
  const n = f.squares.length;
  const squares = f.squares.map((square, i) => ({
    square,
    name: SQUARE_NAMES[square]!,
    state: cells[square]!,
    power: 3 ** (n - 1 - i),
  }));
  let discs = 0;
  for (const c of cells) if (c !== 0) discs++;
  const stage = stageOf(Math.max(discs, 4), state.stages);
  // As the engines read it: the canonical weight (mirror images and colour inverses tied), signed.
  const sign = weightSign(f.shape, index);
  const weightsByStage = Array.from(
    { length: state.stages },
    (_, s) => sign * state.weights[weightOffset(s, f.shape, index)]!,
  );
  return {
    feature: f.feature,
    shape: f.shape,
    pattern: shape.name,
    instance: f.instance,
    symmetry: f.symmetry,
    squares,
    index,
    digits: squares.map((q) => q.state).join(''),
    stage,
    weight: weightsByStage[stage]!,
    weightsByStage,
    picture: boardToAscii(cells, { highlight: f.squares }),
  };
}

/**
 * A pattern on a position, from a model's weights: `patternId` is a feature number 0..45 (one
 * instance) or a shape name such as 'corner3x3' (every instance of the shape, in feature order).
 * A board with fewer than 4 discs (which engines refuse) is given stage 0.
 */
export function visualizePattern(
  state: ModelState,
  cells: CellsInput,
  patternId: number | string,
): PatternView[] {
  const c = checkCells(cells);
  const indices = featureIndices(c);
  return featureList(patternId).map((f) => viewOf(f, c, indices[f.feature]!, state));
}
