// @prismind/dashboard: a live web dashboard for one training run (packages/dashboard/README.md).
export { startDashboard } from './server';
export type { DashboardOptions, DashboardServer } from './server';
export { DashboardError, isDashboardError, DASHBOARD_ERROR_STATUS } from './errors';
export type { DashboardErrorCode } from './errors';
export type { RunSnapshot, RunWatcherOptions } from './run-watcher';
export type { SeriesData } from './series';
export type { SeriesName, TrainerMemory } from './run-series';
export type { CheckpointEntry } from './checkpoints';
export type { StoredGameSummary, GameReplay, ReplayPly } from './games';
export type { PlayRequest, PlayAnswer, ModelMove } from './play';
export type { BoardView } from './positions';
export type { ControlAnswer } from './control';
