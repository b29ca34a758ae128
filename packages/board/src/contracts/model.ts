import { z } from 'zod';
import { MAX_STAGES, PATTERN_SET_ID } from './types';

/** The learning rule's parameters (docs/engine-spec.md, TD(λ) update). */
export interface LearningParams {
  lambda: number;
  learningRate: number;
  beta1: number;
  beta2: number;
  adamEpsilon: number;
}
export type LearningParamsInput = Partial<LearningParams>;

export const DEFAULT_LEARNING_PARAMS: Readonly<LearningParams> = Object.freeze({
  lambda: 0.7,
  learningRate: 0.005,
  beta1: 0.9,
  beta2: 0.999,
  adamEpsilon: 1e-8,
});

export const learningParamsSchema: z.ZodType<LearningParams, LearningParamsInput> = z
  .object({
    lambda: z.number().min(0).max(1).default(0.7),
    learningRate: z.number().gt(0).max(10).default(0.005),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.999),
    adamEpsilon: z.number().gt(0).max(1).default(1e-8),
  })
  .strict();

/**
 * Everything a model is, as typed arrays (views where the backend can give them) plus counters.
 * Layout and meaning: docs/engine-spec.md, "Weight layout" and "Model state".
 */
export interface ModelState {
  patternSet: typeof PATTERN_SET_ID;
  stages: number;
  weights: Float32Array;
  adamM: Float32Array;
  adamV: Float32Array;
  /** Adam steps taken (one per game learned from). */
  step: number;
  /** β1^step and β2^step as running products (f64). */
  beta1Power: number;
  beta2Power: number;
  /** Games learned from; also the number of the next self-play game (seeding). */
  games: number;
}

/** The scalar part of a model state, as it crosses a file or process boundary. */
export type ModelStateMeta = Omit<ModelState, 'weights' | 'adamM' | 'adamV'>;

export const modelStateMetaSchema: z.ZodType<ModelStateMeta> = z
  .object({
    patternSet: z.literal(PATTERN_SET_ID),
    stages: z.number().int().min(1).max(MAX_STAGES),
    step: z.number().int().min(0),
    beta1Power: z.number().min(0).max(1),
    beta2Power: z.number().min(0).max(1),
    games: z.number().int().min(0),
  })
  .strict();

/** Fixed facts about a model's shape, for tools that index weights. */
export interface ModelShape {
  patternSet: typeof PATTERN_SET_ID;
  stages: number;
  weightsPerStage: number;
  totalWeights: number;
  featureCount: number;
}
