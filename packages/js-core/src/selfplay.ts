import type { GameState } from './game';
import type { RootLimits, Searcher } from './root';
import type { Rng } from '@prismind/board';

/**
 * One self-play game (docs/engine-spec.md, "Self-play game"): from the standard start, while the
 * game is not over: a side with no move passes (no draw, nothing recorded); otherwise record the
 * position, draw r; r < ε plays a uniformly drawn legal move (ascending square order), else the
 * search's best move. Returns false when a stop request abandoned the game (the flag is checked
 * before every move, and searches poll it). `played`, when given, receives the moves in order (a
 * sampled game, TrainBatchOptions.recordEvery).
 */

export interface SelfPlayOptions {
  epsilon: number;
  limits: RootLimits;
  /** Table offsets of stage bases (stageBaseTable). */
  stageBase: Int32Array;
  /** Shared stop flag, polled between moves and inside searches. */
  stop: Int32Array | null;
  stopIndex: number;
}

const MOVES = new Int32Array(64);

export function playSelfPlayGame(
  game: GameState,
  searcher: Searcher,
  rng: Rng,
  o: SelfPlayOptions,
  played: number[] | null = null,
): boolean {
  game.reset();
  for (;;) {
    if (!game.legalMoves()) {
      if (!game.opponentCanMove()) return true;
      game.pass();
      continue;
    }
    if (o.stop !== null && Atomics.load(o.stop, o.stopIndex) !== 0) return false;
    game.record(o.stageBase);
    let sq: number;
    if (rng.nextFloat() < o.epsilon) {
      const n = game.moveList(MOVES);
      sq = MOVES[rng.nextInt(n)]!;
    } else {
      const r = searcher.search(
        game.pLo,
        game.pHi,
        game.oLo,
        game.oHi,
        game.black,
        game.feats,
        0,
        o.limits,
        { stop: o.stop, stopIndex: o.stopIndex, wantPv: false },
      );
      sq = r.move;
    }
    played?.push(sq);
    game.play(sq);
  }
}
