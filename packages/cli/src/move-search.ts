import type { Position } from '@prismind/board';
import type { Engine, SearchResult } from '@prismind/board/contracts';

/**
 * How the CLI's engine picks a move (play, nboard): at a fixed depth, or within a time budget.
 *
 * A time budget is iterative deepening under `timeMs`, capped at `depth` when one is given. Within
 * `exactEmpties` of the end it also tries an exact solve, but never at the cost of a move: the
 * engines abandon an exact solve that passes its deadline for a mere depth-1 answer
 * (docs/engine-spec.md, "Stopping a search"), so the midgame search runs first on a share of the
 * budget and the solve gets the rest; an unfinished solve leaves the midgame answer standing.
 */
export interface MovePlan {
  /** Fixed depth, or the cap of a budgeted search (none: up to the end of the game). */
  depth?: number | undefined;
  /** Per-move budget in milliseconds; absent: search at `depth`. */
  moveTimeMs?: number | undefined;
  /** Solve exactly from this many empties (0: never). */
  exactEmpties: number;
}

/** The midgame's share of a budget when an exact solve may follow. */
const MIDGAME_SHARE = 0.4;

/** Search `position` for its side to move under `plan`; `signal` stops it (the best move so far). */
export async function searchMove(
  engine: Engine,
  position: Position,
  plan: MovePlan,
  signal?: AbortSignal,
): Promise<SearchResult> {
  const cells = position.toCells();
  const options = { signal };
  const budget = plan.moveTimeMs;
  if (budget === undefined) {
    const depth = plan.depth ?? 4;
    return engine.search(
      cells,
      position.player,
      { depth, exactEmpties: plan.exactEmpties },
      options,
    );
  }
  const started = performance.now();
  const solvable = 64 - position.discs() <= plan.exactEmpties;
  const midgameMs = solvable ? Math.max(1, Math.floor(budget * MIDGAME_SHARE)) : budget;
  const midgame = await engine.search(
    cells,
    position.player,
    { depth: plan.depth, timeMs: midgameMs },
    options,
  );
  const leftMs = Math.floor(budget - (performance.now() - started));
  if (!solvable || leftMs < 1 || signal?.aborted) return midgame;
  const exact = await engine.search(
    cells,
    position.player,
    { depth: 60, timeMs: leftMs, exactEmpties: plan.exactEmpties },
    options,
  );
  const timeMs = performance.now() - started;
  return exact.exact
    ? { ...exact, nodes: midgame.nodes + exact.nodes, timeMs }
    : { ...midgame, nodes: midgame.nodes + exact.nodes, timeMs };
}

/** `--move-time` seconds as a budget in whole milliseconds (at least 1), or undefined. */
export function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.max(1, Math.round(seconds * 1000));
}

/** The plan in words: "depth 4", "2.5 s per move", "2.5 s per move, depth ≤ 8". */
export function planText(plan: MovePlan): string {
  if (plan.moveTimeMs === undefined) return `depth ${plan.depth ?? 4}`;
  const budget = `${plan.moveTimeMs / 1000} s per move`;
  return plan.depth === undefined ? budget : `${budget}, depth ≤ ${plan.depth}`;
}
