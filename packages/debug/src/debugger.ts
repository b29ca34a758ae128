import type { CellsInput, Engine, ModelState } from '@prismind/board/contracts';
import { createJsEngine } from '@prismind/js-core';
import type { SkippedCheckpoint } from '@prismind/trainer/run-dir';
import { type Anomaly, detectAnomalies } from './anomalies';
import { type BoardViewOptions, visualizeBoard } from './board-view';
import { type CheckpointComparison, compareCheckpoints } from './compare';
import { DebugError } from './errors';
import { type ErrorSummary, errorSummary } from './error-summary';
import { type CsvExport, type CsvKind, type ExportCsvOptions, exportCsv } from './export-csv';
import { loadLatestModel, loadModel, type ModelSource } from './model';
import { type PatternView, visualizePattern } from './pattern-view';
import { type ReplayOptions, type ReplayResult, replayGame } from './replay';
import { type GameTrace, gameTrace, type PositionTrace, positionTrace } from './trace';

export interface DebuggerOptions {
  /** The model to inspect... */
  state?: ModelState | undefined;
  /** ...or a trainer checkpoint to load it from... */
  checkpoint?: string | undefined;
  /**
   * ...or, with neither, the newest loadable checkpoint of this run directory. The run directory
   * is also where metrics.jsonl and logs/train.jsonl are read from.
   */
  runDir?: string | undefined;
  /**
   * The engine for evaluations and searches (replayGame). Default: a JS engine from
   * @prismind/js-core, made on first use. A given engine is loaded with the model when there is
   * one; with no other source its own state is the model.
   */
  engine?: Engine | undefined;
}

/** A recorded game and which of its positions to inspect. */
export interface GamePosition {
  moves: readonly number[] | string;
  /** 0-based index among the positions where a move is read. */
  at: number;
}

async function findModel(
  o: DebuggerOptions,
): Promise<{ state?: ModelState; source?: string; why?: string; skipped?: SkippedCheckpoint[] }> {
  if (o.state !== undefined) return { state: o.state, source: 'state' };
  if (o.checkpoint !== undefined)
    return { state: await loadModel(o.checkpoint), source: o.checkpoint };
  if (o.runDir !== undefined) {
    try {
      const latest = await loadLatestModel(o.runDir);
      return { state: latest.model, source: latest.path, skipped: latest.skipped };
    } catch (error) {
      if (o.engine === undefined) return { why: (error as Error).message };
    }
  }
  if (o.engine !== undefined) return { state: o.engine.getState(), source: 'engine' };
  return { why: 'no state, checkpoint, run directory or engine was given' };
}

/**
 * One place to look into a model and its run: pictures, traces, diffs, replays, anomalies, CSV
 * exports, error summaries. Open it with Debugger.open(); dispose() releases an engine it made.
 */
export class Debugger {
  /** Where the model came from: 'state', 'engine', or a checkpoint path. */
  readonly source: string | undefined;
  readonly runDir: string | undefined;
  /** Newer checkpoints of the run passed over as damaged or foreign, newest first. */
  readonly skipped: readonly SkippedCheckpoint[];
  private readonly modelState: ModelState | undefined;
  private readonly missing: string | undefined;
  private engineInUse: Engine | undefined;
  private ownsEngine = false;

  private constructor(
    model: { state?: ModelState; source?: string; why?: string; skipped?: SkippedCheckpoint[] },
    options: DebuggerOptions,
  ) {
    this.skipped = model.skipped ?? [];
    this.modelState = model.state;
    this.source = model.source;
    this.missing = model.why;
    this.runDir = options.runDir;
    this.engineInUse = options.engine;
    if (options.engine !== undefined && model.state !== undefined && model.source !== 'engine') {
      options.engine.setState(model.state);
    }
  }

  static async open(options: DebuggerOptions = {}): Promise<Debugger> {
    return new Debugger(await findModel(options), options);
  }

  /** The model under inspection (DEBUG_NO_CHECKPOINT when none could be had). */
  get state(): ModelState {
    if (this.modelState === undefined) {
      throw new DebugError('DEBUG_NO_CHECKPOINT', `no model to inspect: ${this.missing}`);
    }
    return this.modelState;
  }

  /** The engine, made (and loaded with the model) on first use when none was given. */
  get engine(): Engine {
    if (this.engineInUse === undefined) {
      const state = this.state;
      const engine = createJsEngine({ stages: state.stages });
      engine.setState(state);
      this.engineInUse = engine;
      this.ownsEngine = true;
    }
    return this.engineInUse;
  }

  visualizeBoard(cells: CellsInput, options: BoardViewOptions = {}): string {
    return visualizeBoard(cells, options);
  }

  visualizePattern(cells: CellsInput, patternId: number | string): PatternView[] {
    return visualizePattern(this.state, cells, patternId);
  }

  /** A position alone (its features, weights and trace increments) or one inside a game. */
  inspectTrace(cells: CellsInput): PositionTrace;
  inspectTrace(game: GamePosition, options?: { lambda?: number }): GameTrace;
  inspectTrace(
    input: CellsInput | GamePosition,
    options: { lambda?: number } = {},
  ): PositionTrace | GameTrace {
    if ('moves' in input)
      return gameTrace(this.state, input.moves, { at: input.at, lambda: options.lambda });
    return positionTrace(this.state, input);
  }

  /** Compares two models; `b` defaults to the one under inspection. */
  compareCheckpoints(a: ModelSource, b?: ModelSource): Promise<CheckpointComparison> {
    return compareCheckpoints(a, b ?? this.state);
  }

  replayGame(
    moves: readonly number[] | string,
    options: ReplayOptions = {},
  ): Promise<ReplayResult> {
    return replayGame(this.engine, moves, options);
  }

  exportCsv(path: string, kind: CsvKind, options: ExportCsvOptions = {}): Promise<CsvExport> {
    if (kind !== 'weights' && this.runDir === undefined) {
      return Promise.reject(
        new DebugError(
          'DEBUG_NO_RUN_DIR',
          `exportCsv('${kind}') reads a run directory; open the Debugger with runDir`,
        ),
      );
    }
    return exportCsv(
      path,
      kind,
      { state: kind === 'weights' ? this.state : undefined, runDir: this.runDir },
      options,
    );
  }

  errorSummary(): Promise<ErrorSummary> {
    if (this.runDir === undefined) {
      return Promise.reject(
        new DebugError(
          'DEBUG_NO_RUN_DIR',
          'errorSummary() reads a run directory; open the Debugger with runDir',
        ),
      );
    }
    return errorSummary(this.runDir);
  }

  detectAnomalies(threshold: number, options: { limit?: number } = {}): Anomaly[] {
    return detectAnomalies(this.state, threshold, options);
  }

  /** Releases the engine if this Debugger made it. */
  async dispose(): Promise<void> {
    if (this.ownsEngine) await this.engineInUse?.dispose();
    this.engineInUse = undefined;
    this.ownsEngine = false;
  }
}
