import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PATTERN_SHAPES, type PatternShape, WEIGHTS_PER_STAGE } from '@prismind/board';
import type { ModelState } from '@prismind/board/contracts';
import { parseCheckpointFileName, readCheckpointFile } from '@prismind/checkpoint';
import { CHECKPOINT_DIR, fromLoadedState } from '@prismind/trainer';
import { DebugError } from './errors';

/** A model to inspect: a ModelState, or the path of a trainer checkpoint (.prsm). */
export type ModelSource = ModelState | string;

/** Loads a trainer checkpoint (sections weights/adamM/adamV, metadata.model) as a ModelState. */
export async function loadModel(path: string): Promise<ModelState> {
  let loaded: Awaited<ReturnType<typeof readCheckpointFile>>;
  try {
    loaded = await readCheckpointFile(path);
  } catch (cause) {
    throw new DebugError('DEBUG_BAD_CHECKPOINT', `${path}: ${(cause as Error).message}`, {
      cause,
      details: { path },
    });
  }
  try {
    return fromLoadedState(loaded, path).model;
  } catch (cause) {
    throw new DebugError('DEBUG_BAD_CHECKPOINT', (cause as Error).message, {
      cause,
      details: { path },
    });
  }
}

/** A ModelState as given, or loaded from its path. */
export function resolveModel(source: ModelSource): Promise<ModelState> {
  return typeof source === 'string' ? loadModel(source) : Promise.resolve(source);
}

/**
 * The newest checkpoint of a run directory that loads (damaged ones are skipped). Read-only: it
 * does not open a CheckpointManager, which would tidy the directory of a run that may be live.
 */
export async function loadLatestModel(
  runDir: string,
): Promise<{ path: string; model: ModelState }> {
  const dir = join(runDir, CHECKPOINT_DIR);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (cause) {
    throw new DebugError(
      'DEBUG_NO_CHECKPOINT',
      `${dir} cannot be read: ${(cause as Error).message}`,
      {
        cause,
        details: { dir },
      },
    );
  }
  const files = names
    .map((name) => ({ name, games: parseCheckpointFileName(name) }))
    .filter((f): f is { name: string; games: number } => f.games !== undefined)
    .sort((a, b) => b.games - a.games);
  const problems: string[] = [];
  for (const f of files) {
    const path = join(dir, f.name);
    try {
      return { path, model: await loadModel(path) };
    } catch (error) {
      problems.push(`${f.name}: ${(error as Error).message}`);
    }
  }
  throw new DebugError(
    'DEBUG_NO_CHECKPOINT',
    `no loadable checkpoint in ${dir}${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`,
    { details: { dir, problems } },
  );
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
