import { PATTERN_SHAPES, type PatternShape, WEIGHTS_PER_STAGE } from '@prismind/board';
import type { ModelState } from '@prismind/board/contracts';
import { isCheckpointError } from '@prismind/checkpoint';
import {
  describeSkipped,
  loadModelFrom,
  loadNewestModel,
  type SkippedCheckpoint,
} from '@prismind/trainer/run-dir';
import { DebugError } from './errors';

/** A model to inspect: a ModelState, or the path of a trainer checkpoint (.prsm). */
export type ModelSource = ModelState | string;

function badCheckpoint(path: string, cause: unknown): DebugError {
  if (isCheckpointError(cause, 'CKPT_NOT_FOUND') && Array.isArray(cause.details.skipped)) {
    const skipped = cause.details.skipped as SkippedCheckpoint[];
    const why = skipped.length === 0 ? '' : ` (${describeSkipped(skipped).join('; ')})`;
    return new DebugError('DEBUG_NO_CHECKPOINT', `no loadable checkpoint in ${path}${why}`, {
      cause,
      details: { dir: path, skipped },
    });
  }
  return new DebugError('DEBUG_BAD_CHECKPOINT', `${path}: ${(cause as Error).message}`, {
    cause,
    details: { path },
  });
}

/**
 * Loads a trainer checkpoint (sections weights/adamM/adamV, metadata.model) as a ModelState; a
 * directory gives its newest valid checkpoint (see loadLatestModel).
 */
export async function loadModel(path: string): Promise<ModelState> {
  try {
    return (await loadModelFrom(path)).model;
  } catch (cause) {
    throw badCheckpoint(path, cause);
  }
}

/** A ModelState as given, or loaded from its path. */
export function resolveModel(source: ModelSource): Promise<ModelState> {
  return typeof source === 'string' ? loadModel(source) : Promise.resolve(source);
}

/**
 * The newest checkpoint of a run directory that is a valid trainer model: damaged and foreign
 * files are skipped and listed in `skipped`. Read-only: it does not open a CheckpointManager,
 * which would tidy the directory of a run that may be live.
 */
export async function loadLatestModel(
  runDir: string,
): Promise<{ path: string; model: ModelState; skipped: SkippedCheckpoint[] }> {
  try {
    const { path, model, skipped } = await loadNewestModel(runDir);
    return { path, model, skipped };
  } catch (cause) {
    throw badCheckpoint(runDir, cause);
  }
}

/** Where a flat weight offset lives. */
export interface WeightLocation {
  stage: number;
  shape: number;
  /** Shape name (corner3x3, ...). */
  pattern: string;
  /** Base-3 index within the shape's table. */
  index: number;
}

/** Stage, shape and index of a flat offset (docs/engine-spec.md, "Weight layout"). */
export function locate(offset: number): WeightLocation {
  const stage = Math.floor(offset / WEIGHTS_PER_STAGE);
  const within = offset - stage * WEIGHTS_PER_STAGE;
  let shape: PatternShape = PATTERN_SHAPES[0]!;
  for (const candidate of PATTERN_SHAPES) {
    if (candidate.offset > within) break;
    shape = candidate;
  }
  return { stage, shape: shape.id, pattern: shape.name, index: within - shape.offset };
}

/** A shape by number (0..10) or name, else DEBUG_INVALID_INPUT. */
export function findShape(shape: number | string): PatternShape {
  const found =
    typeof shape === 'number'
      ? PATTERN_SHAPES[shape]
      : PATTERN_SHAPES.find((s) => s.name === shape);
  if (found === undefined) {
    throw new DebugError(
      'DEBUG_INVALID_INPUT',
      `no pattern shape ${JSON.stringify(shape)}; expected 0..${PATTERN_SHAPES.length - 1} or one of ${PATTERN_SHAPES.map((s) => s.name).join(', ')}`,
      { details: { shape } },
    );
  }
  return found;
}
