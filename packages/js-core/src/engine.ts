import {
  FEATURE_COUNT,
  PATTERN_SHAPES,
  SHAPE_COUNT,
  validateModelState,
  WEIGHTS_PER_STAGE,
  weightOffset,
  weightSign,
  popcount32,
} from '@prismind/board';
import {
  type BackendKind,
  type CellsInput,
  type Engine,
  type LearningParamsInput,
  learningParamsSchema,
  type ModelShape,
  type ModelState,
  PATTERN_SET_ID,
  type Player,
  PrismindError,
  schemaError,
  type SearchLimits,
  type SearchOptions,
  type SearchResult,
  searchLimitsSchema,
  type TrainBatchOptionsInput,
  type TrainBatchResult,
  type TrainProgress,
  trainBatchOptionsSchema,
} from '@prismind/board/contracts';
import { toBitboards } from './cells';
import { evalFeatures, stageBaseTable } from './evaluate';
import { extractInto, offsetsToIndices } from './features';
import { GameState } from './game';
import { C_GAMES, SharedModel } from './model';
import { type JsEngineOptions, type ResolvedOptions, resolveOptions } from './options';
import { WorkerPool } from './pool';
import type { SearchOutcome } from './root';
import { replayGame } from './replay';
import { epochNow } from './search-message';
import { SearchWorker } from './search-worker';
import { CONTROL_SIZE, STATS_SIZE, STOP } from './shared-control';
import { TdLearner } from './td';
import { runTrainBatch } from './train';

/**
 * The pure-TypeScript engine (backend 'js'), exactly per docs/engine-spec.md. Evaluation and
 * learnFromGame run on the calling thread; search() runs on a search worker and train() in
 * training workers, worker_threads that share the model (SharedArrayBuffers) with this object, so
 * getState() returns views and no weights are copied between threads.
 */
export class JsEngine implements Engine {
  readonly backend: BackendKind = 'js';
  private model: SharedModel;
  private stageBase: Int32Array;
  private readonly options: ResolvedOptions;
  private readonly searches: SearchWorker;
  private readonly learner = new TdLearner();
  private readonly game = new GameState();
  private readonly feats = new Int32Array(46);
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_SIZE * 4));
  private readonly stats = new Float64Array(new SharedArrayBuffer(STATS_SIZE * 8));
  private pool: WorkerPool | null = null;
  private running: Promise<TrainBatchResult> | null = null;
  private disposed = false;

  constructor(options: JsEngineOptions = {}) {
    this.options = resolveOptions(options);
    this.model = SharedModel.create(this.options.stages);
    this.stageBase = stageBaseTable(this.model.stages);
    this.searches = new SearchWorker(this.options.ttBytes);
  }

  get shape(): ModelShape {
    return {
      patternSet: PATTERN_SET_ID,
      stages: this.model.stages,
      weightsPerStage: WEIGHTS_PER_STAGE,
      totalWeights: this.model.totalWeights,
      featureCount: FEATURE_COUNT,
    };
  }

  /** True while a training batch runs. */
  get training(): boolean {
    return this.running !== null;
  }

  evaluate(cells: CellsInput, player: Player): number {
    this.assertReadable('evaluate');
    const b = toBitboards(cells, player);
    extractInto(b.blackLo, b.blackHi, b.whiteLo, b.whiteHi, this.feats, 0);
    const discs = popcount32(b.blackLo | b.whiteLo) + popcount32(b.blackHi | b.whiteHi);
    return evalFeatures(this.model.weights, this.stageBase[discs]!, this.feats, 0);
  }

  featureIndices(cells: CellsInput): Uint32Array {
    this.assertUsable();
    const b = toBitboards(cells, 1);
    extractInto(b.blackLo, b.blackHi, b.whiteLo, b.whiteHi, this.feats, 0);
    return offsetsToIndices(this.feats, 0);
  }

  getWeight(shape: number, stage: number, index: number): number {
    this.assertReadable('getWeight');
    if (!(Number.isInteger(shape) && shape >= 0 && shape < SHAPE_COUNT)) {
      throw new PrismindError(
        'INVALID_PATTERN',
        `shape ${String(shape)} does not exist; expected 0..${SHAPE_COUNT - 1}`,
        { details: { shape } },
      );
    }
    const stages = this.model.stages;
    if (!(Number.isInteger(stage) && stage >= 0 && stage < stages)) {
      throw new PrismindError(
        'INVALID_PATTERN',
        `stage ${String(stage)} does not exist; expected 0..${stages - 1} (the model has ${stages} stages)`,
        { details: { stage } },
      );
    }
    const info = PATTERN_SHAPES[shape]!;
    if (!(Number.isInteger(index) && index >= 0 && index < info.weightsPerStage)) {
      throw new PrismindError(
        'INVALID_PATTERN',
        `index ${String(index)} is outside shape ${shape} (${info.name}); expected 0..${info.weightsPerStage - 1}`,
        { details: { index } },
      );
    }
    // The value the configuration reads: its canonical weight, negated for a colour inverse, or 0.
    return weightSign(shape, index) * this.model.weights[weightOffset(stage, shape, index)]!;
  }

  async search(
    cells: CellsInput,
    player: Player,
    limits: SearchLimits,
    options: SearchOptions = {},
  ): Promise<SearchResult> {
    const calledAt = epochNow();
    this.assertReadable('search');
    const b = toBitboards(cells, player);
    const parsed = searchLimitsSchema.safeParse(limits);
    if (!parsed.success) throw schemaError('INVALID_LIMITS', 'search limits', parsed.error.issues);
    const feats = new Int32Array(46);
    extractInto(b.blackLo, b.blackHi, b.whiteLo, b.whiteHi, feats, 0);
    const black = b.player === 1;
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const raise = (): void => {
      Atomics.store(stop, 0, 1);
    };
    const signal = options.signal;
    if (signal?.aborted) raise();
    signal?.addEventListener('abort', raise, { once: true });
    let r: SearchOutcome;
    try {
      r = await this.searches.run({
        board: black
          ? [b.blackLo, b.blackHi, b.whiteLo, b.whiteHi]
          : [b.whiteLo, b.whiteHi, b.blackLo, b.blackHi],
        black,
        feats,
        weights: this.model.weights,
        stageBase: this.stageBase,
        limits: parsed.data,
        stop,
        calledAt,
      });
    } finally {
      signal?.removeEventListener('abort', raise);
    }
    return {
      move: r.move,
      // `+ 0` turns −0 into +0 and leaves every other value alone. Negation (negamax, the white
      // side's sign, a pass) can leave −0 on a zero value; the spec reports a zero score as +0 so
      // that Object.is (and toBe) comparisons of scores across backends are well defined.
      score: r.score + 0,
      depth: r.depth,
      nodes: r.nodes,
      timeMs: epochNow() - calledAt,
      exact: r.exact,
      pv: r.pv,
    };
  }

  train(
    options: TrainBatchOptionsInput,
    onProgress?: (progress: TrainProgress) => void,
  ): Promise<TrainBatchResult> {
    try {
      this.assertUsable();
      const parsed = trainBatchOptionsSchema.safeParse(options);
      if (!parsed.success) {
        throw schemaError('INVALID_OPTIONS', 'training options', parsed.error.issues);
      }
      this.assertIdle('train');
      this.detachFromSearches();
      this.pool ??= new WorkerPool(this.options.ttBytes);
      const run = runTrainBatch(
        this.pool,
        this.model,
        this.control,
        this.stats,
        parsed.data,
        this.options.testHooks,
        onProgress,
      );
      this.running = run;
      const clear = (): void => {
        this.running = null;
      };
      run.then(clear, clear);
      return run;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  requestStop(): void {
    if (this.running === null) return;
    Atomics.store(this.control, STOP, 1);
    this.pool?.cancelUnstarted();
  }

  learnFromGame(moves: readonly number[], params?: LearningParamsInput): void {
    this.assertUsable();
    const parsed = learningParamsSchema.safeParse(params ?? {});
    if (!parsed.success) {
      throw schemaError('INVALID_OPTIONS', 'learning parameters', parsed.error.issues);
    }
    this.assertIdle('learnFromGame');
    // Replay into scratch first: on any error the model is untouched.
    replayGame(this.game, moves, this.stageBase);
    const z = this.game.finalScoreBlack();
    this.detachFromSearches();
    this.learner.update(
      this.model,
      this.game.offs,
      this.game.signs,
      this.game.recorded,
      z,
      parsed.data,
    );
    this.model.counters[C_GAMES] = this.model.counters[C_GAMES]! + 1;
  }

  getState(): ModelState {
    this.assertReadable('getState');
    return this.model.state();
  }

  setState(state: ModelState): void {
    this.assertUsable();
    const valid = validateModelState(state);
    this.assertIdle('setState');
    if (valid.stages !== this.model.stages || this.searches.inFlight > 0) {
      this.model = SharedModel.create(valid.stages);
      this.stageBase = stageBaseTable(valid.stages);
    }
    this.model.load(valid);
  }

  /**
   * Before the model changes: searches in flight keep reading the weights they started with (as
   * the native backend's snapshots do), so the change goes to a copy.
   */
  private detachFromSearches(): void {
    if (this.searches.inFlight === 0) return;
    const copy = SharedModel.create(this.model.stages);
    copy.load(this.model.state());
    this.model = copy;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const running = this.running;
    if (running !== null) {
      this.requestStop();
      await running.catch(() => undefined);
    }
    await this.searches.stopAll();
    await this.searches.terminate();
    await this.pool?.terminate();
    this.pool = null;
  }

  private assertUsable(): void {
    if (this.disposed) {
      throw new PrismindError('ENGINE_DISPOSED', 'this engine was disposed; create a new one');
    }
  }

  /**
   * Calls that read the model wait for no batch: the native backend hands its model to the
   * training threads, and the contract keeps both backends answering alike (TRAINING_BUSY).
   */
  private assertReadable(what: string): void {
    this.assertUsable();
    this.assertIdle(what);
  }

  private assertIdle(what: string): void {
    if (this.running !== null) {
      throw new PrismindError(
        'TRAINING_BUSY',
        `${what} is not allowed while a training batch runs; await it or call requestStop() first`,
      );
    }
  }
}

/** A JS engine with a fresh model (all weights 0). */
export function createJsEngine(options: JsEngineOptions = {}): JsEngine {
  return new JsEngine(options);
}
