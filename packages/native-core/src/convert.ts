import { validateModelState } from '@prismind/board';
import {
  type LearningParams,
  type ModelState,
  PATTERN_SET_ID,
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
    // A zero score is reported as +0 (docs/engine-spec.md, Search, "Result"); `+ 0` turns a −0
    // left by the core's negations into +0 and changes nothing else.
    score: r.score + 0,
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
    recordEvery: o.recordEvery,
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
    avgTdError: s.avgTdError,
    movesPlayed: s.movesPlayed,
    resets: s.resets,
    failedGames: s.errors,
    failures: s.failures.map((f) => ({ game: f.game, kind: f.kind, message: f.message })),
    seconds: s.seconds,
    stopped: s.stopped,
    sampledGames: s.sampledGames.map((g) => ({
      game: g.game,
      moves: g.moves,
      finalScore: g.finalScore,
    })),
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

/**
 * The state checked by the contract's validateModelState (object, pattern set, counters, array
 * types and lengths), split into the binding's arguments. The values (finite, v >= 0) are left to
 * the engine, which scans the arrays in Rust before anything is copied: scanning them here too
 * would walk 15 million floats twice.
 */
export function toNativeStateMeta(state: unknown): {
  meta: StateMetaJs;
  arrays: [Float32Array, Float32Array, Float32Array];
} {
  const s = validateModelState(state, { checkValues: false });
  return {
    meta: {
      patternSet: s.patternSet,
      stages: s.stages,
      step: s.step,
      beta1Power: s.beta1Power,
      beta2Power: s.beta2Power,
      games: s.games,
    },
    arrays: [s.weights, s.adamM, s.adamV],
  };
}
