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
export { DEFAULT_MANAGER_OPTIONS, DEFAULT_TRAINING_SETTINGS } from './manager/options';
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
  GameFailedEvent,
  WeightsResetEvent,
} from './manager/events';
export { TrainerError, isTrainerError } from './manager/errors';
export type { TrainerErrorCode } from './manager/errors';
export { readRunStatus } from './manager/status';
export type {
  RunStatus,
  RunStatusReport,
  TrainingState,
  ControlCommand,
  ControlAck,
} from './manager/status';
export { sendControl } from './manager/control';
export type { ControlRequest, ControlResult, SendControlOptions } from './manager/control';
export { readManifest } from './manager/manifest';
export type { RunManifest, RunSession, RunOutcome, MachineInfo } from './manager/manifest';
export { CHECKPOINT_FORMAT, fromLoadedState, locateWeight } from './manager/model-checkpoint';
export type { CheckpointMetadata, NonFiniteWeight } from './manager/model-checkpoint';
export {
  MANIFEST_FILE,
  STATUS_FILE,
  CONTROL_FILE,
  LOCK_FILE,
  CHECKPOINT_DIR,
} from './manager/run-files';
