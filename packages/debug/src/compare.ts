import { PATTERN_SHAPES, WEIGHTS_PER_STAGE } from '@prismind/board';
import type { ModelState } from '@prismind/board/contracts';
import { DebugError } from './errors';
import { type ModelSource, resolveModel } from './model';

/** How one shape's weights changed within one stage. */
export interface BlockChange {
  shape: number;
  pattern: string;
  stage: number;
  /** Weights in the block (3^n). */
  weights: number;
  /** Weights whose value differs (NaN against NaN counts as unchanged). */
  changed: number;
  /** Largest |b − a| in the block, and the index where it is. */
  maxAbsChange: number;
  maxIndex: number;
  /** Mean |b − a| over every weight of the block. */
  meanAbsChange: number;
  /** Mean |b − a| over the changed weights only (0 when none changed). */
  meanAbsChangeChanged: number;
  /** Pairs where one side is NaN or infinite (left out of the sums). */
  nonFinite: number;
}

export interface CheckpointComparison {
  stages: number;
  gamesA: number;
  gamesB: number;
  /** b.games − a.games: games learned between the two (negative when b is older). */
  gamesBetween: number;
  /** b.step − a.step: Adam steps between them. */
  stepsBetween: number;
  /** Every shape × stage block, shape-major (shape 0 stages 0..S−1, then shape 1, ...). */
  blocks: BlockChange[];
  /** The same figures over the whole model. */
  total: Omit<BlockChange, 'shape' | 'pattern' | 'stage' | 'maxIndex'>;
}

function compareBlock(
  a: Float32Array,
  b: Float32Array,
  start: number,
  length: number,
): Omit<BlockChange, 'shape' | 'pattern' | 'stage'> {
  let changed = 0;
  let max = 0;
  let maxIndex = -1;
  let sum = 0;
  let nonFinite = 0;
  for (let i = 0; i < length; i++) {
    const x = a[start + i]!;
    const y = b[start + i]!;
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
    changed++;
    const d = Math.abs(y - x);
    if (!Number.isFinite(d)) {
      nonFinite++;
      continue;
    }
    sum += d;
    if (d > max) {
      max = d;
      maxIndex = i;
    }
  }
  return {
    weights: length,
    changed,
    maxAbsChange: max,
    maxIndex,
    meanAbsChange: sum / length,
    meanAbsChangeChanged: changed - nonFinite === 0 ? 0 : sum / (changed - nonFinite),
    nonFinite,
  };
}

function totals(blocks: BlockChange[]): CheckpointComparison['total'] {
  const weights = blocks.reduce((n, b) => n + b.weights, 0);
  const changed = blocks.reduce((n, b) => n + b.changed, 0);
  const nonFinite = blocks.reduce((n, b) => n + b.nonFinite, 0);
  const sum = blocks.reduce((n, b) => n + b.meanAbsChange * b.weights, 0);
  return {
    weights,
    changed,
    maxAbsChange: blocks.reduce((m, b) => Math.max(m, b.maxAbsChange), 0),
    meanAbsChange: weights === 0 ? 0 : sum / weights,
    meanAbsChangeChanged: changed - nonFinite === 0 ? 0 : sum / (changed - nonFinite),
    nonFinite,
  };
}

/** Compares two loaded models of the same shape (see compareCheckpoints). */
export function compareStates(a: ModelState, b: ModelState): CheckpointComparison {
  if (a.stages !== b.stages || a.weights.length !== b.weights.length) {
    throw new DebugError(
      'DEBUG_SHAPE_MISMATCH',
      `the models differ in shape: ${a.stages} stages (${a.weights.length} weights) against ${b.stages} (${b.weights.length}); expected the same stage count`,
      { details: { stagesA: a.stages, stagesB: b.stages } },
    );
  }
  const blocks: BlockChange[] = [];
  for (const shape of PATTERN_SHAPES) {
    for (let stage = 0; stage < a.stages; stage++) {
      const start = stage * WEIGHTS_PER_STAGE + shape.offset;
      const block = compareBlock(a.weights, b.weights, start, shape.weightsPerStage);
      blocks.push({ shape: shape.id, pattern: shape.name, stage, ...block });
    }
  }
  return {
    stages: a.stages,
    gamesA: a.games,
    gamesB: b.games,
    gamesBetween: b.games - a.games,
    stepsBetween: b.step - a.step,
    blocks,
    total: totals(blocks),
  };
}

/**
 * What changed between two models (ModelStates or trainer checkpoint paths), per pattern shape
 * and stage: how many weights changed, the largest and the mean absolute change, and how many
 * games lie between them.
 */
export async function compareCheckpoints(
  a: ModelSource,
  b: ModelSource,
): Promise<CheckpointComparison> {
  const [x, y] = await Promise.all([resolveModel(a), resolveModel(b)]);
  return compareStates(x, y);
}
