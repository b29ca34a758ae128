import {
  FEATURE_COUNT,
  parseCells,
  parsePlayer,
  PrismindError,
  WEIGHTS_PER_STAGE,
} from '@prismind/board';
import {
  type CellsInput,
  type Engine,
  type LearningParamsInput,
  learningParamsSchema,
  type ModelShape,
  type ModelState,
  PATTERN_SET_ID,
  type Player,
  type ResolvedEngineOptions,
  schemaError,
  type SearchLimits,
  type SearchResult,
  searchLimitsSchema,
  type SearchOptions,
  type TrainBatchOptionsInput,
  type TrainBatchResult,
  trainBatchOptionsSchema,
  type TrainProgress,
} from '@prismind/board/contracts';
import type { NativeEngine as RawEngine, TrainProgressJs } from '../binding/index.cjs';
import type { NativeBinding } from './binding';
import {
  fromNativeResult,
  fromNativeState,
  fromNativeStats,
  toNativeLearning,
  toNativeLimits,
  toNativeStateMeta,
  toNativeTrainOptions,
} from './convert';
import { callNative, fromNative } from './errors';

/** The native backend: the Engine contract plus what only the Rust core offers. */
export interface NativeEngine extends Engine {
  readonly backend: 'native';
  /** Many evaluations in one native call: 64 cells per position, one player (1 or 2) each. */
  evaluateBatch(cells: Uint8Array, players: Uint8Array): Float64Array;
  /** True while a training batch holds the model (most other calls then fail with TRAINING_BUSY). */
  readonly training: boolean;
}

/** Waits one turn of the event loop, so progress calls queued before a batch settled arrive first. */
const drainQueuedCalls = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A squared move list for the binding: numbers as they are, anything else as NaN (INVALID_SQUARE). */
function movesToNumbers(moves: unknown): Float64Array {
  if (!Array.isArray(moves)) {
    throw new PrismindError(
      'INVALID_SQUARE',
      `moves is ${moves === null ? 'null' : typeof moves}; expected an array of squares 0..63`,
    );
  }
  return Float64Array.from(moves, (m: unknown) => (typeof m === 'number' ? m : Number.NaN));
}

/** A u32 argument of getWeight, or INVALID_PATTERN (napi would truncate 1.5 and wrap -1). */
function patternArgument(name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff) {
    return value;
  }
  throw new PrismindError(
    'INVALID_PATTERN',
    `${name} is ${String(value)}; expected a non-negative integer`,
    { details: { [name]: value } },
  );
}

export class NativeBackedEngine implements NativeEngine {
  readonly backend = 'native' as const;
  readonly #native: RawEngine;
  #stages: number;
  #batch: Promise<unknown> | null = null;
  #disposed = false;
  /** Ids for stopSearch, one per search (a u32 that wraps long after any search in flight ended). */
  #nextSearchId = 1;

  constructor(binding: NativeBinding, options: ResolvedEngineOptions) {
    this.#native = callNative('new NativeEngine', () => {
      return new binding.NativeEngine(options.stages, options.ttBytes);
    });
    this.#stages = options.stages;
  }

  get shape(): ModelShape {
    return {
      patternSet: PATTERN_SET_ID,
      stages: this.#stages,
      weightsPerStage: WEIGHTS_PER_STAGE,
      totalWeights: this.#stages * WEIGHTS_PER_STAGE,
      featureCount: FEATURE_COUNT,
    };
  }

  get training(): boolean {
    return this.#batch !== null;
  }

  evaluate(cells: CellsInput, player: Player): number {
    this.#live('evaluate');
    const c = parseCells(cells);
    const p = parsePlayer(player);
    return callNative('evaluate', () => this.#native.evaluate(c, p));
  }

  evaluateBatch(cells: Uint8Array, players: Uint8Array): Float64Array {
    this.#live('evaluateBatch');
    if (!(cells instanceof Uint8Array) || !(players instanceof Uint8Array)) {
      throw new PrismindError(
        'INVALID_BOARD',
        'evaluateBatch takes cells and players as Uint8Arrays (64 cells per position)',
      );
    }
    return callNative('evaluateBatch', () => this.#native.evaluateBatch(cells, players));
  }

  featureIndices(cells: CellsInput): Uint32Array {
    this.#live('featureIndices');
    const c = parseCells(cells);
    return callNative('featureIndices', () => this.#native.featureIndices(c));
  }

  getWeight(shape: number, stage: number, index: number): number {
    this.#live('getWeight');
    const args = [
      patternArgument('shape', shape),
      patternArgument('stage', stage),
      patternArgument('index', index),
    ] as const;
    return callNative('getWeight', () => this.#native.getWeight(...args));
  }

  async search(
    cells: CellsInput,
    player: Player,
    limits: SearchLimits,
    options: SearchOptions = {},
  ): Promise<SearchResult> {
    this.#live('search');
    const c = parseCells(cells);
    const p = parsePlayer(player);
    const parsed = searchLimitsSchema.safeParse(limits);
    if (!parsed.success) throw schemaError('INVALID_LIMITS', 'search limits', parsed.error.issues);
    const id = this.#nextSearchId;
    this.#nextSearchId = (id % 0xffff_ffff) + 1;
    const signal = options.signal;
    const pending = callNative('search', () =>
      this.#native.search(c, p, toNativeLimits(parsed.data), id, signal?.aborted ?? false),
    );
    // The task is queued with its stop flag registered under `id`: stopping now reaches it.
    const stop = (): void => this.#native.stopSearch(id);
    signal?.addEventListener('abort', stop, { once: true });
    try {
      return fromNativeResult(await pending);
    } catch (error) {
      throw fromNative(error, 'search');
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  async train(
    options: TrainBatchOptionsInput,
    onProgress?: (progress: TrainProgress) => void,
  ): Promise<TrainBatchResult> {
    this.#live('train');
    if (this.#batch !== null) {
      throw new PrismindError(
        'TRAINING_BUSY',
        'a training batch is already running on this engine; await it (or requestStop()) first',
      );
    }
    const parsed = trainBatchOptionsSchema.safeParse(options);
    if (!parsed.success) {
      throw schemaError('INVALID_OPTIONS', 'training options', parsed.error.issues);
    }
    let settled = false;
    // Never throws into the binding: a throwing threadsafe-function callback is a fatal exception.
    const relay =
      onProgress === undefined
        ? undefined
        : (progress: TrainProgressJs): void => {
            if (settled) return;
            try {
              onProgress({ ...progress });
            } catch {
              // A listener's error must not break the batch (the games go on in Rust).
            }
          };
    const pending = callNative('train', () =>
      this.#native.train(toNativeTrainOptions(parsed.data), relay),
    );
    this.#batch = pending;
    try {
      const stats = await pending;
      await drainQueuedCalls();
      return fromNativeStats(stats);
    } catch (error) {
      throw fromNative(error, 'train');
    } finally {
      settled = true;
      this.#batch = null;
    }
  }

  requestStop(): void {
    this.#native.requestStop();
  }

  learnFromGame(moves: readonly number[], params?: LearningParamsInput): void {
    this.#live('learnFromGame');
    const numbers = movesToNumbers(moves);
    const parsed = learningParamsSchema.safeParse(params ?? {});
    if (!parsed.success) {
      throw schemaError('INVALID_OPTIONS', 'learning parameters', parsed.error.issues);
    }
    const learning = toNativeLearning(parsed.data);
    callNative('learnFromGame', () => this.#native.learnFromGame(numbers, learning));
  }

  getState(): ModelState {
    this.#live('getState');
    return fromNativeState(callNative('getState', () => this.#native.getState()));
  }

  setState(state: ModelState): void {
    this.#live('setState');
    const { meta, arrays } = toNativeStateMeta(state);
    callNative('setState', () => this.#native.setState(meta, ...arrays));
    this.#stages = meta.stages;
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#native.requestStop();
    if (this.#batch !== null) await this.#batch.catch(() => undefined);
    this.#native.dispose();
  }

  #live(operation: string): void {
    if (this.#disposed) {
      throw new PrismindError(
        'ENGINE_DISPOSED',
        `cannot ${operation}: the engine was disposed; create a new one`,
      );
    }
  }
}
