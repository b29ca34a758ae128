import { PATTERN_SET_ID, WEIGHTS_PER_STAGE } from '@prismind/board';
import {
  type CellsInput,
  type Engine,
  type ModelShape,
  type ModelState,
  PrismindError,
  type SearchResult,
  type TrainBatchOptionsInput,
  type TrainBatchResult,
  type TrainProgress,
} from '@prismind/board/contracts';
import type { EngineRequest } from '../../src/backend/create-engine';

/**
 * A stand-in engine for the manager's tests: fast, deterministic, and with every failure the
 * manager must survive injectable (failed games, hung or crashing batches, NaN weights, slow
 * stops). Its "learning" is a hash-driven update per game number, so a run paused, resumed or
 * replayed from a checkpoint ends with the same arrays as an uninterrupted one, as the real
 * engines do with one thread.
 */
export interface FakeEngineOptions {
  stages?: number;
  /** Simulated time per game (ms). 0: as fast as possible, yielding every few games. */
  msPerGame?: number;
  /** Games whose play fails (skipped, number used up). */
  failGame?: (game: number) => boolean;
  /** This batch (counted per engine instance from 0) never settles until disposed. */
  hangBatch?: (instance: number, batch: number) => boolean;
  /** This batch rejects after its first game. */
  crashBatch?: (instance: number, batch: number) => boolean;
  /** Put a NaN into the weights when this game is learned (the engine's guard misses it). */
  nanAtGame?: number;
  /** Extra delay before a stop request is honoured (ms). */
  stopDelayMs?: number;
}

function hash(x: number): number {
  let h = (x ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class FakeEngine implements Engine {
  readonly backend = 'js' as const;
  readonly instance: number;
  readonly options: FakeEngineOptions;
  batches = 0;
  disposed = false;
  private state: ModelState;
  private stop = false;
  private running = false;
  private releaseHang: (() => void) | undefined;

  constructor(options: FakeEngineOptions = {}, instance = 0) {
    this.options = options;
    this.instance = instance;
    const length = (options.stages ?? 1) * WEIGHTS_PER_STAGE;
    this.state = {
      patternSet: PATTERN_SET_ID,
      stages: options.stages ?? 1,
      weights: new Float32Array(length),
      adamM: new Float32Array(length),
      adamV: new Float32Array(length),
      step: 0,
      beta1Power: 1,
      beta2Power: 1,
      games: 0,
    };
  }

  get shape(): ModelShape {
    return {
      patternSet: PATTERN_SET_ID,
      stages: this.state.stages,
      weightsPerStage: WEIGHTS_PER_STAGE,
      totalWeights: this.state.weights.length,
      featureCount: 46,
    };
  }

  evaluate(_cells: CellsInput): number {
    return 0;
  }

  featureIndices(): Uint32Array {
    return new Uint32Array(46);
  }

  getWeight(shape: number, stage: number, index: number): number {
    return this.state.weights[stage * WEIGHTS_PER_STAGE + shape + index] ?? 0;
  }

  async search(): Promise<SearchResult> {
    return { move: -1, score: 0, depth: 0, nodes: 0, timeMs: 0, exact: false, pv: [] };
  }

  async train(
    options: TrainBatchOptionsInput,
    onProgress?: (progress: TrainProgress) => void,
  ): Promise<TrainBatchResult> {
    if (this.disposed) throw new PrismindError('ENGINE_DISPOSED', 'fake engine disposed');
    if (this.running) throw new PrismindError('TRAINING_BUSY', 'fake engine busy');
    this.running = true;
    this.stop = false;
    const batch = this.batches++;
    try {
      if (this.options.hangBatch?.(this.instance, batch)) {
        await new Promise<void>((resolve) => {
          this.releaseHang = resolve;
        });
        throw new Error('fake engine: a hung batch was disposed');
      }
      return await this.play(options, batch, onProgress);
    } finally {
      this.running = false;
    }
  }

  private async play(
    options: TrainBatchOptionsInput,
    batch: number,
    onProgress: ((progress: TrainProgress) => void) | undefined,
  ): Promise<TrainBatchResult> {
    const started = performance.now();
    const every = options.progressEveryGames ?? 100;
    const ms = this.options.msPerGame ?? 0;
    const perTick = ms >= 1 ? 1 : Math.max(1, Math.round(1 / Math.max(ms, 0.05)));
    const r = { completed: 0, black: 0, white: 0, draws: 0, sum: 0, abs: 0, td: 0, resets: 0 };
    const failures: TrainBatchResult['failures'] = [];
    let failedGames = 0;
    let done = 0;
    for (; done < options.games; done++) {
      if (done % perTick === 0) await sleep(ms >= 1 ? ms : perTick * ms >= 0.5 ? 1 : 0);
      if (this.stop) {
        if (this.options.stopDelayMs) await sleep(this.options.stopDelayMs);
        break;
      }
      if (this.options.crashBatch?.(this.instance, batch) && done === 1) {
        throw new Error('fake engine: the batch crashed');
      }
      const game = this.state.games;
      if (this.options.failGame?.(game)) {
        // like both engines: every failure counted, the first 100 listed
        failedGames += 1;
        if (failures.length < 100)
          failures.push({ game, kind: 'injected', message: `injected failure in game ${game}` });
      } else {
        this.learn(game, options.seed ?? 1, r);
      }
      this.state.games += 1;
      if (onProgress !== undefined && every > 0 && (done + 1) % every === 0) {
        onProgress({
          gamesDone: done + 1,
          gamesTarget: options.games,
          blackWins: r.black,
          whiteWins: r.white,
          draws: r.draws,
          avgDiscDiff: r.completed > 0 ? r.sum / r.completed : 0,
          elapsedMs: performance.now() - started,
        });
      }
    }
    return {
      gamesCompleted: r.completed,
      blackWins: r.black,
      whiteWins: r.white,
      draws: r.draws,
      avgDiscDiff: r.completed > 0 ? r.sum / r.completed : 0,
      avgAbsDiscDiff: r.completed > 0 ? r.abs / r.completed : 0,
      avgTdError: r.completed > 0 ? r.td / r.completed : 0,
      movesPlayed: r.completed * 60,
      resets: r.resets,
      failedGames,
      failures,
      seconds: (performance.now() - started) / 1000,
      stopped: done < options.games,
      sampledGames: [],
    };
  }

  private learn(
    game: number,
    seed: number,
    r: {
      completed: number;
      black: number;
      white: number;
      draws: number;
      sum: number;
      abs: number;
      td: number;
    },
  ): void {
    const s = this.state;
    const h = hash(game ^ Math.imul(seed, 0x27d4eb2d));
    const diff = (h % 65) - 32;
    for (let k = 0; k < 8; k++) {
      const i = hash(h + k) % s.weights.length;
      s.weights[i] = s.weights[i]! * 0.99 + diff / 64;
      s.adamM[i] = s.adamM[i]! * 0.9 + 0.1 * diff;
      s.adamV[i] = s.adamV[i]! * 0.999 + 0.001 * diff * diff;
    }
    if (game === this.options.nanAtGame) s.weights[hash(h) % s.weights.length] = Number.NaN;
    s.step += 1;
    s.beta1Power *= 0.9;
    s.beta2Power *= 0.999;
    r.completed += 1;
    r.sum += diff;
    r.abs += Math.abs(diff);
    r.td += 1 + Math.abs(diff) / 2; // a stand-in for the game's mean |λ-return error|
    if (diff > 0) r.black += 1;
    else if (diff < 0) r.white += 1;
    else r.draws += 1;
  }

  requestStop(): void {
    this.stop = true;
  }

  learnFromGame(): void {}

  getState(): ModelState {
    return this.state;
  }

  setState(state: ModelState): void {
    if (this.running) throw new PrismindError('TRAINING_BUSY', 'fake engine busy');
    if (state.weights.length !== this.state.weights.length) {
      throw new PrismindError('INVALID_STATE', 'fake engine: wrong length');
    }
    this.state.weights.set(state.weights);
    this.state.adamM.set(state.adamM);
    this.state.adamV.set(state.adamV);
    this.state.step = state.step;
    this.state.beta1Power = state.beta1Power;
    this.state.beta2Power = state.beta2Power;
    this.state.games = state.games;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.releaseHang?.();
  }
}

/** A factory for TrainingManager's `engineFactory` that keeps the engines it made. */
export function fakeEngineFactory(options: FakeEngineOptions = {}): ((
  request: EngineRequest,
) => FakeEngine) & {
  engines: FakeEngine[];
} {
  const engines: FakeEngine[] = [];
  const factory = ({ stages }: { stages: number }): FakeEngine => {
    const engine = new FakeEngine({ ...options, stages }, engines.length);
    engines.push(engine);
    return engine;
  };
  return Object.assign(factory, { engines });
}
