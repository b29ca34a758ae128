import { type Position, replayMoves, squareToName } from '@prismind/board';
import { readStoredGames } from '@prismind/trainer/run-dir';
import type { LoadedCheckpoint } from './checkpoints';
import { DashboardError } from './errors';
import { type BoardView, boardView, evaluateFor } from './positions';

/** A stored game in the list. */
export interface StoredGameSummary {
  game: number;
  score: number;
  moves: number;
}

/** Games listed at most: the newest (the page shows a sample, not an archive). */
export const MAX_LISTED_GAMES = 500;

export function listStoredGames(runDir: string): { total: number; games: StoredGameSummary[] } {
  const all = readStoredGames(runDir);
  const games = all
    .slice(-MAX_LISTED_GAMES)
    .reverse()
    .map((g) => ({ game: g.game, score: g.score, moves: g.moves.length }));
  return { total: all.length, games };
}

/** One position of a replay: the board before the move, the move, the model's evaluation. */
export interface ReplayPly extends BoardView {
  ply: number;
  move: number;
  moveName: string;
  /** The model's static evaluation of the position before the move, black's view, in discs. */
  eval: number;
}

export interface GameReplay {
  game: number;
  score: number;
  checkpoint: { name: string; games: number };
  plies: ReplayPly[];
  final: BoardView & { score: number };
}

/** A stored game move by move, with `model`'s evaluation of each position. */
export function replayStoredGame(
  runDir: string,
  number: number,
  model: LoadedCheckpoint,
): GameReplay {
  const stored = readStoredGames(runDir).find((g) => g.game === number);
  if (stored === undefined) {
    throw new DashboardError('DASHBOARD_NOT_FOUND', `the run stores no game ${number}`, {
      details: { game: number },
    });
  }
  const record = replayMoves(stored.moves);
  const plies = record.positions.map((position: Position, i) => {
    const move = record.moves[i]!;
    return {
      ply: i + 1,
      move,
      moveName: squareToName(move),
      eval: evaluateFor(model.engine, position),
      ...boardView(position),
    };
  });
  return {
    game: stored.game,
    score: stored.score,
    checkpoint: { name: model.name, games: model.games },
    plies,
    final: { ...boardView(record.final), score: record.final.score() },
  };
}
