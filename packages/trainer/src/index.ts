// Backend selection: 'auto' takes native when @prismind/native-core loads, else js
// (@prismind/js-core).
export { createEngine } from './backend/create-engine';
export type {
  CreateEngineOptions,
  EngineSelection,
  EngineFactory,
  EngineRequest,
  SelectionLogger,
} from './backend/create-engine';
export type { NativeImporter } from './backend/native-loader';

// The training manager, its run directory and the control protocol.
export { TrainingManager } from './manager/training-manager';
export type { ResumeOptions } from './manager/training-manager';
export {
  DEFAULT_MANAGER_OPTIONS,
  DEFAULT_TRAINING_SETTINGS,
  TRAINING_STAGES,
} from './manager/options';
export { learningRateAt } from './manager/learning-rate';
export type {
  TrainingManagerOptions,
  ManagerDefaults,
  StartOptions,
  ConfigureOptions,
  SearchOptions,
  ProgressCallback,
  ManagerLogLevel,
  TrainingSettings,
} from './manager/options';
export type { TrainingResult } from './manager/result';
export type {
  TrainingEvents,
  TrainingEventName,
  TrainingListener,
  TrainingProgressEvent,
  StateChangeEvent,
  CheckpointReason,
  CheckpointSavedEvent,
  CheckpointFailedEvent,
  ErrorPattern,
  PausedEvent,
  PauseAcknowledgedEvent,
  EngineRestartEvent,
  RestoredEvent,
  StrengthEvent,
  GameFailedEvent,
  WeightsResetEvent,
} from './manager/events';
export { TrainerError, isTrainerError } from './manager/errors';
export type { TrainerErrorCode } from './manager/errors';
// The run directory (also its own entry, @prismind/trainer/run-dir, without the manager).
export {
  readRunStatus,
  inspectRunStatus,
  sendControl,
  readManifest,
  readOrRebuildManifest,
  loadNewestModel,
  loadModelFrom,
  MANIFEST_FILE,
  STATUS_FILE,
  CONTROL_FILE,
  LOCK_FILE,
  CHECKPOINT_DIR,
  LOG_FILE,
  METRICS_FILE,
  runPaths,
} from './run-dir/index';
export type {
  RunStatus,
  RunStatusRead,
  RunStatusReport,
  TrainingState,
  ControlCommand,
  ControlAck,
  ControlRequest,
  ControlResult,
  SendControlOptions,
  RunManifest,
  RunManifestRead,
  RunSession,
  RunOutcome,
  MachineInfo,
  LoadedModel,
  RunPaths,
} from './run-dir/index';
export {
  CHECKPOINT_FORMAT,
  fromLoadedState,
  locateWeight,
  trainerCheckpointProblem,
} from './manager/model-checkpoint';
export type { CheckpointMetadata, NonFiniteWeight } from './manager/model-checkpoint';

// Strength inside a run: when a run measures itself, and what one measurement holds.
export { DEFAULT_STRENGTH_SETTINGS } from './strength/in-run';
export type { StrengthRecord, StrengthSettings } from './strength/in-run';
export { BEST_CHECKPOINT_FILE } from './manager/strength-tracking';
