// @prismind/trainer/run-dir: everything about a run directory (runs/<id>/) without the
// TrainingManager, so the CLI, debug and dashboards read a run without loading the trainer.
// docs/architecture.md, "The run directory".
export {
  MANIFEST_FILE,
  STATUS_FILE,
  CONTROL_FILE,
  LOCK_FILE,
  CHECKPOINT_DIR,
  LOG_FILE,
  METRICS_FILE,
  GAMES_FILE,
  GAMES_ROTATED_FILE,
  runPaths,
} from './names';
export type { RunPaths } from './names';
export { writeJsonAtomic } from './atomic-json';
export { PollTimer } from './poll-timer';
export {
  appendStoredGames,
  readStoredGames,
  DEFAULT_STORED_GAMES_BYTES,
} from './stored-games';
export type { StoredGame } from './stored-games';
export { acquireRunLock } from './lock';
export type { RunLock } from './lock';
export { isProcessAlive } from './process-identity';
export { readManifest } from './manifest';
export type { RunManifest, RunSession, RunOutcome, MachineInfo } from './manifest';
export { readOrRebuildManifest } from './manifest-rebuild';
export type { RunManifestRead } from './manifest-rebuild';
export { readRunStatus, inspectRunStatus } from './status';
export type {
  RunStatus,
  RunStatusRead,
  RunStatusReport,
  TrainingState,
  ControlCommand,
  ControlAck,
} from './status';
export { sendControl } from './control';
export type { ControlRequest, ControlResult, SendControlOptions } from './control';
export { MAX_CONTROL_BYTES } from './control-file';
export {
  checkpointFolder,
  describeSkipped,
  loadModelFrom,
  loadNewestModel,
} from './newest-checkpoint';
export type { LoadedModel, SkippedCheckpoint } from './newest-checkpoint';
