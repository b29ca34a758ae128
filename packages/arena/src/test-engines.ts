// Engine stand-ins for the arena's tests: the arena plays through the Engine contract of
// @prismind/board/contracts and depends on no engine package, so its tests bring their own.
import { Position } from '@prismind/board';
import type { CellsInput, Engine, Player, SearchLimits } from '@prismind/board/contracts';
import { AlphaBeta } from './alphabeta';
import { wpcEvaluator, wpcValue } from './wpc';

/** An engine stand-in and the search limits it was called with. */
export interface TestEngine {
  engine: Engine;
  searches: SearchLimits[];
}

/**
 * An Engine whose static evaluation is a WPC table (black's view) and whose search is the arena's
 * AlphaBeta over the same table at limits.depth. A table of zeros is an untrained model: every
 * evaluation 0, so a search plays the first legal move of its root order.
 */
export function wpcTestEngine(table: readonly number[]): TestEngine {
  const searches: SearchLimits[] = [];
  const search = new AlphaBeta(wpcEvaluator(table));
  const engine = {
    backend: 'js',
    evaluate: (cells: CellsInput) => wpcValue(cells as ArrayLike<number>, table),
    async search(cells: CellsInput, player: Player, limits: SearchLimits) {
      searches.push(limits);
      const p = Position.fromCells(cells, player);
      const depth = limits.depth ?? 1;
      const { move, value } = search.bestMove(p.pLo, p.pHi, p.oLo, p.oHi, depth);
      return { move, score: value, depth, nodes: 0, timeMs: 0, exact: false, pv: [move] };
    },
  };
  return { engine: engine as unknown as Engine, searches };
}

/** An untrained model: every evaluation 0. */
export const ZERO_TABLE: readonly number[] = Object.freeze(new Array<number>(64).fill(0));
