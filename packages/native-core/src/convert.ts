import {
  type LearningParams,
  type ModelState,
  modelStateMetaSchema,
  PATTERN_SET_ID,
  PrismindError,
  type SearchLimits,
  type SearchResult,
  type TrainBatchOptions,
  type TrainBatchResult,
} from '@prismind/board/contracts';
import type {
  LearningParamsJs,
  SearchLimitsJs,
  SearchResultJs,
  StateJs,
  StateMetaJs,
  TrainOptionsJs,
  TrainStatsJs,
} from '../binding/index.cjs';
import { issuesError } from './errors';

/** Contract types to the binding's and back: plain field copies, no per-element work. */

export function toNativeLimits(limits: SearchLimits): SearchLimitsJs {
  return {
    depth: limits.depth,
    timeMs: limits.timeMs,
    nodes: limits.nodes,
    exactEmpties: limits.exactEmpties,
  };
}

export function fromNativeResult(r: SearchResultJs): SearchResult {
  return {
    move: r.move,
    score: r.score,
    depth: r.depth,
    nodes: r.nodes,
    timeMs: r.timeMs,
    exact: r.exact,
    pv: r.pv,
  };
}

export function toNativeLearning(p: LearningParams): LearningParamsJs {
  return {
    lambda: p.lambda,
    learningRate: p.learningRate,
    beta1: p.beta1,
    beta2: p.beta2,
    adamEpsilon: p.adamEpsilon,
  };
}

export function toNativeTrainOptions(o: TrainBatchOptions): TrainOptionsJs {
  return {
    games: o.games,
    threads: o.threads,
    seed: o.seed,
    epsilon: o.epsilon,
    search: {
      depth: o.search.depth,
      timeMs: o.search.timeMs,
      exactEmpties: o.search.exactEmpties,
    },
    learning: toNativeLearning(o.learning),
    progressEveryGames: o.progressEveryGames,
  };
}

/** Exactly the contract's fields (the conformance suite compares results with toEqual). */
export function fromNativeStats(s: TrainStatsJs): TrainBatchResult {
  return {
    gamesCompleted: s.gamesCompleted,
    blackWins: s.blackWins,
    whiteWins: s.whiteWins,
    draws: s.draws,
    avgDiscDiff: s.avgDiscDiff,
    avgAbsDiscDiff: s.avgAbsDiscDiff,
    movesPlayed: s.movesPlayed,
    resets: s.resets,
    failures: s.failures.map((f) => ({ game: f.game, kind: f.kind, message: f.message })),
    seconds: s.seconds,
    stopped: s.stopped,
  };
}

export function fromNativeState(s: StateJs): ModelState {
  return {
    patternSet: PATTERN_SET_ID,
    stages: s.stages,
    weights: s.weights,
    adamM: s.adamM,
    adamV: s.adamV,
    step: s.step,
    beta1Power: s.beta1Power,
    beta2Power: s.beta2Power,
    games: s.games,
  };
}

function invalidState(message: string, details?: Record<string, unknown>): PrismindError {
  return new PrismindError('INVALID_STATE', message, details === undefined ? {} : { details });
}

/**
 * The checks JavaScript can make cheaply (shape of the object, counters, array types); lengths and
 * values (finite, v >= 0) are checked by the engine over the arrays in Rust before anything is
 * copied.
 */
export function toNativeStateMeta(state: unknown): {
  meta: StateMetaJs;
  arrays: [Float32Array, Float32Array, Float32Array];
} {
  if (typeof state !== 'object' || state === null) {
    throw invalidState(`state is ${state === null ? 'null' : typeof state}; expected a ModelState`);
  }
  const s = state as Record<string, unknown>;
  if (s.patternSet !== PATTERN_SET_ID) {
    throw invalidState(
      `pattern set is ${JSON.stringify(s.patternSet)}; expected ${JSON.stringify(PATTERN_SET_ID)}`,
      { patternSet: s.patternSet },
    );
  }
  const parsed = modelStateMetaSchema.safeParse({
    patternSet: s.patternSet,
    stages: s.stages,
    step: s.step,
    beta1Power: s.beta1Power,
    beta2Power: s.beta2Power,
    games: s.games,
  });
  if (!parsed.success) throw issuesError('INVALID_STATE', 'state counters', parsed.error.issues);
  const arrays = (['weights', 'adamM', 'adamV'] as const).map((name) => {
    const array = s[name];
    if (!(array instanceof Float32Array)) {
      throw invalidState(`${name} is not a Float32Array; expected the model's f32 values`, {
        name,
      });
    }
    return array;
  });
  return {
    meta: parsed.data,
    arrays: arrays as [Float32Array, Float32Array, Float32Array],
  };
}
