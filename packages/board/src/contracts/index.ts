export { PrismindError, isCodedError, isPrismindError, schemaError } from './errors';
export type { PrismindErrorCode, PrismindErrorOptions, SchemaIssue } from './errors';
export { BLACK, WHITE, PATTERN_SET_ID, DEFAULT_STAGES, MAX_STAGES } from './types';
export type {
  Cell,
  Player,
  CellsInput,
  BackendKind,
  BackendChoice,
  PatternSetId,
} from './types';
export { searchLimitsSchema } from './search';
export type { SearchLimits, SearchOptions, SearchResult } from './search';
export { DEFAULT_LEARNING_PARAMS, learningParamsSchema, modelStateMetaSchema } from './model';
export type {
  LearningParams,
  LearningParamsInput,
  ModelState,
  ModelStateMeta,
  ModelShape,
} from './model';
export { trainBatchOptionsSchema } from './training';
export type {
  TrainBatchOptions,
  TrainBatchOptionsInput,
  SelfPlaySearch,
  TrainProgress,
  TrainBatchResult,
  GameFailure,
  RecordedGame,
  SampledGame,
} from './training';
export type { Engine } from './engine';
export {
  DEFAULT_TT_BYTES,
  MIN_TT_BYTES,
  MAX_TT_BYTES,
  resolveEngineOptions,
} from './options';
export type { EngineOptions, ResolvedEngineOptions } from './options';
