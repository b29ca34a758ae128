// prismind-cli as a library: every command is a function over an output sink that returns its
// exit code, so scripts and tests can run them without spawning a process.
export { runCli, buildParser } from './main';
export { bufferedIO, println } from './io';
export type { CliIO, BufferedIO, OutputStream } from './io';
export { CliError, EXIT, reportError, exitCodeOf } from './errors';
export type { CliErrorCode } from './errors';
export { DEFAULT_TRAIN_GAMES, trainCommand } from './commands/train';
export type { TrainArgs } from './commands/train';
export { resumeCommand } from './commands/resume';
export type { ResumeArgs } from './commands/resume';
export { controlCommand } from './commands/control';
export type { ControlArgs } from './commands/control';
export { statusCommand, statusReport } from './commands/status';
export type { StatusArgs, StatusReport } from './commands/status';
export { monitorCommand } from './commands/monitor';
export type { MonitorArgs } from './commands/monitor';
export { BASELINES, evaluateCommand } from './commands/evaluate';
export type { EvaluateArgs } from './commands/evaluate';
export { benchCommand } from './commands/bench';
export type { BenchArgs } from './commands/bench';
export { benchStrengthCommand } from './commands/bench-strength';
export type { BenchStrengthArgs, StrengthPoint } from './commands/bench-strength';
export {
  checkpointListCommand,
  checkpointPruneCommand,
  checkpointVerifyCommand,
  verifyReport,
} from './commands/checkpoint';
export type { VerifyReport } from './commands/checkpoint';
export {
  debugAnomaliesCommand,
  debugBoardCommand,
  debugCompareCommand,
  debugErrorsCommand,
  debugExportCsvCommand,
  debugPatternCommand,
  debugReplayCommand,
  debugTraceCommand,
} from './commands/debug';
export type { DebugSource, PositionArgs } from './commands/debug';
export { playCommand } from './commands/play';
export type { PlayArgs } from './commands/play';
export { nboardCommand } from './commands/nboard';
export type { NBoardArgs } from './commands/nboard';
export { NBoardSession, NBOARD_PROTOCOL_VERSION, runNBoard } from './nboard/session';
export type { NBoardOptions } from './nboard/session';
export { parseGgf } from './nboard/ggf';
export type { GgfGame } from './nboard/ggf';
export { searchMove } from './move-search';
export type { MovePlan } from './move-search';
export { loadEngine, loadModel, selectEngine } from './model';
export type { LoadedEngine, LoadedModel } from './model';
