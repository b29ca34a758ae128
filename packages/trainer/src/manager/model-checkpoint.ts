import { PATTERN_SHAPES, WEIGHTS_PER_STAGE } from '@prismind/board';
import {
  type BackendKind,
  type ModelState,
  type ModelStateMeta,
  modelStateMetaSchema,
} from '@prismind/board/contracts';
import type { CheckpointAcceptor, CheckpointState, LoadedState } from '@prismind/checkpoint';
import { z } from 'zod';
import type { TrainingSettings } from './options';
import { trainingSettingsSchema } from './options-parse';

/** The format tag of the trainer's checkpoint metadata. */
export const CHECKPOINT_FORMAT = 'prismind-trainer';

/** The JSON metadata of a trainer checkpoint (the arrays are sections weights, adamM, adamV). */
export interface CheckpointMetadata {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  /** Model counters: step, beta1Power, beta2Power, games, stages, patternSet. */
  model: ModelStateMeta;
  run: { runId: string; seed: number; backend: BackendKind; settings: TrainingSettings };
  /** ConvergenceMonitor.toJSON() and ErrorTracker.toJSON(). */
  monitors: { convergence: unknown; errors: unknown };
  training: { elapsedMs: number; weightResets: number };
}

const metadataSchema: z.ZodType<CheckpointMetadata> = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(1),
  model: modelStateMetaSchema,
  run: z.object({
    runId: z.string(),
    seed: z.number().int().min(0).max(0xffff_ffff),
    backend: z.enum(['native', 'js']),
    settings: trainingSettingsSchema,
  }),
  monitors: z.object({ convergence: z.unknown(), errors: z.unknown() }),
  training: z.object({
    elapsedMs: z.number().min(0),
    weightResets: z.number().int().min(0),
  }),
}) as z.ZodType<CheckpointMetadata>;

/** The checkpoint of a model: its arrays as sections, its counters and the run's state as JSON. */
export function toCheckpointState(
  state: ModelState,
  rest: Omit<CheckpointMetadata, 'format' | 'version' | 'model'>,
): CheckpointState {
  const model: ModelStateMeta = {
    patternSet: state.patternSet,
    stages: state.stages,
    step: state.step,
    beta1Power: state.beta1Power,
    beta2Power: state.beta2Power,
    games: state.games,
  };
  const metadata: CheckpointMetadata = { format: CHECKPOINT_FORMAT, version: 1, model, ...rest };
  return {
    gamesCompleted: state.games,
    metadata: metadata as unknown as Record<string, unknown>,
    sections: { weights: state.weights, adamM: state.adamM, adamV: state.adamV },
  };
}

const MODEL_SECTIONS = ['weights', 'adamM', 'adamV'] as const;

/**
 * The metadata of a trainer checkpoint, or why it is not one: metadata that fits the schema and
 * the three model sections as f32 arrays of the model's size (`isF32Section` tells).
 */
function checkTrainerModel(
  metadata: unknown,
  isF32Section: (name: string, length: number) => boolean,
): { metadata: CheckpointMetadata } | { problem: string } {
  const parsed = metadataSchema.safeParse(metadata);
  if (!parsed.success) {
    const what = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { problem: `not a trainer checkpoint (${what})` };
  }
  const length = parsed.data.model.stages * WEIGHTS_PER_STAGE;
  const wrong = MODEL_SECTIONS.find((name) => !isF32Section(name, length));
  if (wrong !== undefined) return { problem: `section ${wrong} must be ${length} f32 values` };
  return { metadata: parsed.data };
}

/**
 * Why a checkpoint is not a trainer model, judged from its metadata and section table alone (so a
 * foreign file is refused before its data is inflated): undefined when it is one.
 */
export const trainerCheckpointProblem: CheckpointAcceptor = ({ metadata, sections }) => {
  const verdict = checkTrainerModel(metadata, (name, length) =>
    sections.some((s) => s.name === name && s.dtype === 'f32' && s.length === length),
  );
  return 'problem' in verdict ? verdict.problem : undefined;
};

/** A loaded checkpoint taken apart, every part checked; throws an Error naming what is wrong. */
export function fromLoadedState(
  loaded: LoadedState,
  path: string,
): { model: ModelState; metadata: CheckpointMetadata } {
  const verdict = checkTrainerModel(loaded.metadata, (name, length) => {
    const array = loaded.sections[name];
    return array instanceof Float32Array && array.length === length;
  });
  if ('problem' in verdict) throw new Error(`${path}: ${verdict.problem}`);
  const [weights, adamM, adamV] = MODEL_SECTIONS.map((name) => loaded.sections[name]) as [
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  return {
    model: { ...verdict.metadata.model, weights, adamM, adamV },
    metadata: verdict.metadata,
  };
}

/** A weight that was not finite (in the weights or in Adam's moments) and was reset to 0. */
export interface NonFiniteWeight {
  offset: number;
  stage: number;
  /** Shape name (corner3x3, ...). */
  pattern: string;
  /** Index within the shape's table (base 3). */
  index: number;
  weight: number;
  adamM: number;
  adamV: number;
}

/** Where a flat offset lives: stage, shape and base-3 index (docs/engine-spec.md, layout). */
export function locateWeight(offset: number): { stage: number; pattern: string; index: number } {
  const stage = Math.floor(offset / WEIGHTS_PER_STAGE);
  const within = offset - stage * WEIGHTS_PER_STAGE;
  let shape = PATTERN_SHAPES[0]!;
  for (const candidate of PATTERN_SHAPES) {
    if (candidate.offset > within) break;
    shape = candidate;
  }
  return { stage, pattern: shape.name, index: within - shape.offset };
}

/**
 * Finds weights whose value or Adam moments are NaN or infinite and resets all three to 0 (the
 * engine's own guard does this after each update; this is the belt to its braces, at checkpoint
 * time). Mutates the arrays; returns what it reset.
 */
export function resetNonFinite(state: ModelState): NonFiniteWeight[] {
  const { weights, adamM, adamV } = state;
  const found: NonFiniteWeight[] = [];
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    const m = adamM[i]!;
    const v = adamV[i]!;
    // x - x is 0 for every finite x and NaN for NaN and ±Infinity
    if (w - w === 0 && m - m === 0 && v - v === 0) continue;
    found.push({ offset: i, ...locateWeight(i), weight: w, adamM: m, adamV: v });
    weights[i] = 0;
    adamM[i] = 0;
    adamV[i] = 0;
  }
  return found;
}
