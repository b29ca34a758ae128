import type { LearningParamsInput, ModelShape, ModelState } from './model';
import type { SearchLimits, SearchOptions, SearchResult } from './search';
import type { TrainBatchOptionsInput, TrainBatchResult, TrainProgress } from './training';
import type { BackendKind, CellsInput, Player } from './types';

/**
 * The one contract both backends honour (docs/engine-spec.md says exactly how). Positions are 64
 * cells and the player to move; bad input throws a PrismindError (INVALID_BOARD, INVALID_PLAYER,
 * INVALID_LIMITS, ...), never a crash and never a silent wrong answer.
 *
 * While a training batch runs, the calls that read or change the model (evaluate, getWeight,
 * search, getState, setState, learnFromGame, train) throw TRAINING_BUSY; featureIndices, shape,
 * requestStop and dispose keep working.
 */
export interface Engine {
  readonly backend: BackendKind;
  readonly shape: ModelShape;

  /** Static evaluation in discs, positive favours black. */
  evaluate(cells: CellsInput, player: Player): number;
  /** The 46 pattern indices (base 3) of a position, in feature order. */
  featureIndices(cells: CellsInput): Uint32Array;
  /** A weight by shape number (0..10), stage and base-3 index. */
  getWeight(shape: number, stage: number, index: number): number;

  /**
   * Best move under the limits, off the main thread (the caller stays free to read input and to
   * stop it). `options.signal` stops it early with the last completed iteration's result.
   */
  search(
    cells: CellsInput,
    player: Player,
    limits: SearchLimits,
    options?: SearchOptions,
  ): Promise<SearchResult>;

  /** Self-play `games` games with TD(λ) updates, off the main thread. One batch at a time. */
  train(
    options: TrainBatchOptionsInput,
    onProgress?: (progress: TrainProgress) => void,
  ): Promise<TrainBatchResult>;
  /** Ask a running batch to stop; it settles within 100 ms with the games completed. */
  requestStop(): void;
  /** Apply exactly one TD(λ) update from a recorded game (moves as squares, passes implicit). */
  learnFromGame(moves: readonly number[], params?: LearningParamsInput): void;

  /** The model as typed arrays (views where the backend can give them) plus counters. */
  getState(): ModelState;
  /** Replace the model; wrong pattern set, stage count or array length is INVALID_STATE. */
  setState(state: ModelState): void;

  /** Release worker threads and native memory. */
  dispose(): Promise<void>;
}
