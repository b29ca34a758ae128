// The one entry point: a Debugger over a model, an engine and a run directory.
export { Debugger } from './debugger';
export type { DebuggerOptions, GamePosition } from './debugger';

// The same tools as functions.
export { visualizeBoard, boardToAscii, boardToSvg } from './board-view';
export type { BoardViewOptions } from './board-view';
export { visualizePattern } from './pattern-view';
export type { PatternView, PatternSquare } from './pattern-view';
export { positionTrace, gameTrace } from './trace';
export type { PositionTrace, GameTrace, TracedFeature } from './trace';
export type { FeatureTerm } from './features';
export { compareCheckpoints, compareStates } from './compare';
export type { CheckpointComparison, BlockChange } from './compare';
export { replayGame } from './replay';
export type { ReplayOptions, ReplayPly, ReplayResult } from './replay';
export { exportCsv, WEIGHTS_HEADER, ERRORS_HEADER } from './export-csv';
export type { CsvKind, CsvExport, CsvSources, ExportCsvOptions } from './export-csv';
export { csvField } from './csv';
export { errorSummary, summarizeErrors } from './error-summary';
export type { ErrorSummary, ErrorGroup } from './error-summary';
export { readJsonLines, toLogError } from './run-logs';
export type { LogError } from './run-logs';
export { detectAnomalies } from './anomalies';
export type { Anomaly } from './anomalies';
export { loadModel, loadLatestModel, locate, findShape } from './model';
export type { ModelSource, WeightLocation } from './model';
export { DebugError, isDebugError } from './errors';
export type { DebugErrorCode } from './errors';
