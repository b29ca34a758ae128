import type { Position } from '@prismind/board';
import type { Engine } from '@prismind/board/contracts';
import { bestChildByValue } from './one-ply';
import { checkDepth, type GamePlayer } from './players';

/** Options of enginePlayer. */
export interface EnginePlayerOptions {
  /** Fixed search depth (iterative deepening to this depth). Default 2. */
  depth?: number | undefined;
  /** Solve exactly when this many squares or fewer are empty (default 0: never). */
  exactEmpties?: number | undefined;
  /** Default 'model'. */
  name?: string | undefined;
}

/**
 * A player backed by an Engine's search at a fixed depth (either backend). The engine's root
 * order and tie rule (docs/engine-spec.md) make it deterministic for a given model.
 */
export function enginePlayer(engine: Engine, options: EnginePlayerOptions = {}): GamePlayer {
  const depth = checkDepth(options.depth ?? 2, 'enginePlayer');
  const limits = { depth, exactEmpties: options.exactEmpties ?? 0 };
  return {
    name: options.name ?? 'model',
    description: `${engine.backend} engine, search depth ${depth}`,
    async choose(position) {
      const result = await engine.search(position.toCells(), position.player, limits);
      return result.move;
    },
  };
}

/**
 * The move whose resulting position the engine's static evaluation likes best for the mover
 * (bestChildByValue over engine.evaluate): the Othello League's 1-ply model player.
 */
export function bestChildMove(engine: Engine, position: Position): number {
  return bestChildByValue(position, (child) => engine.evaluate(child.toCells(), child.player));
}

/** A 1-ply engine player (see bestChildMove). */
export function onePlyPlayer(engine: Engine, options: { name?: string } = {}): GamePlayer {
  return {
    name: options.name ?? 'model',
    description: `${engine.backend} engine, 1-ply (best child evaluation)`,
    choose: (position) => bestChildMove(engine, position),
  };
}
