export { CheckpointManager } from './manager';
export type {
  CheckpointManagerOptions,
  SaveResult,
  CheckpointInfo,
  RetentionResult,
} from './manager';
export { loadNewestCheckpoint } from './newest';
export type { LatestCheckpoint, NewestOptions, SkippedCheckpoint } from './newest';
export type { StartupReport } from './hygiene';
export {
  readCheckpointFile,
  readCheckpointBytes,
  readCheckpointHeader,
  verifyCheckpointFile,
  verifyCheckpointBytes,
  writeCheckpointFile,
  DEFAULT_COMPRESSION_LEVEL,
} from './files';
export type {
  FileReadOptions,
  FileWriteOptions,
  CompressionOptions,
  WriteResult,
} from './files';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_METADATA_BYTES } from './body';
export type {
  ReadOptions,
  VerifyResult,
  CheckpointSummary,
  CheckpointAcceptor,
  CheckpointPrefix,
} from './read';
export { CheckpointError, isCheckpointError } from './errors';
export type { CheckpointErrorCode } from './errors';
export { nodeFs } from './fs';
export type { CheckpointFs, CheckpointFileHandle } from './fs';
export { FORMAT_VERSION, HEADER_SIZE, FLAG_COMPRESSED } from './header';
export type { CheckpointHeader } from './header';
export { checkpointFileName, parseCheckpointFileName } from './names';
export { DEFAULT_RETENTION, planRetention } from './retention';
export type { RetentionPolicy, RetentionCandidate } from './retention';
export { DTYPES } from './dtypes';
export type {
  CheckpointState,
  LoadedState,
  SectionArray,
  DType,
  CheckpointLogger,
  CompressionCodecName,
} from './types';
