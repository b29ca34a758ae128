import type { SearchLimits } from '@prismind/board/contracts';
import type { Searcher, SearchOutcome } from './root';

/**
 * A search as it crosses to the search worker (search-worker.ts) and back. The weights are the
 * model's SharedArrayBuffer (shared, never copied); `stop` is a one-element shared flag the
 * searcher polls where it polls its deadline, so the main thread can stop a search in flight.
 */
export interface SearchMessage {
  type: 'search';
  id: number;
  /** Side-relative board: player lo/hi, opponent lo/hi. */
  board: [number, number, number, number];
  black: boolean;
  feats: Int32Array;
  weights: Float32Array;
  stageBase: Int32Array;
  limits: SearchLimits;
  stop: Int32Array;
  /** When search() was called (ms since the epoch, performance clock): the time limit counts from there. */
  calledAt: number;
}

export type SearchReply =
  | { type: 'searched'; id: number; outcome: SearchOutcome }
  | { type: 'search-failed'; id: number; message: string };

/** Run one search message with `searcher` (on the worker thread). */
export function runSearchMessage(msg: SearchMessage, searcher: Searcher): SearchReply {
  try {
    searcher.setWeights(msg.weights, msg.stageBase);
    const [pLo, pHi, oLo, oHi] = msg.board;
    // The worker's clock has its own origin: start the deadline when the caller asked.
    const startedAt = msg.calledAt - performance.timeOrigin;
    const outcome = searcher.search(pLo, pHi, oLo, oHi, msg.black, msg.feats, 0, msg.limits, {
      stop: msg.stop,
      startedAt,
    });
    return { type: 'searched', id: msg.id, outcome };
  } catch (error) {
    return { type: 'search-failed', id: msg.id, message: String(error) };
  }
}

/** The performance clock as ms since the epoch, comparable across threads. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
