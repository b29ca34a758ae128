import { movesToTranscript, parseTranscript } from '@prismind/board';
import type { SampledGame } from '@prismind/board/contracts';
import { appendFileSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GAMES_FILE, GAMES_ROTATED_FILE } from './names';

/**
 * The run's stored games (docs/architecture.md, "The run directory"): a sample of its self-play
 * games, one JSON line each, `{"game":12000,"moves":"f5d6c3…","score":-4}` (the game's number in
 * the run, its moves as a transcript with passes implicit, the final score black minus white).
 * games.jsonl grows until the next line would take it past `maxBytes`; it is then renamed to
 * games.1.jsonl (replacing the older one), so the two together stay under twice the bound.
 */

/** One stored game as a reader gets it. */
export interface StoredGame {
  game: number;
  /** Squares 0..63 (a1 = 0, h8 = 63), passes left out. */
  moves: number[];
  /** Final disc difference, black minus white. */
  score: number;
}

/** Default bound of games.jsonl (about 12,000 games); games.1.jsonl holds as many again. */
export const DEFAULT_STORED_GAMES_BYTES: number = 2 * 1024 * 1024;

/** One game as its line in games.jsonl (with the newline). */
function storedGameLine(game: SampledGame): string {
  const moves = movesToTranscript(game.moves);
  return `${JSON.stringify({ game: game.game, moves, score: game.finalScore })}\n`;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Appends games to the run's games.jsonl, rotating it at `maxBytes` (see above). */
export function appendStoredGames(
  runDir: string,
  games: readonly SampledGame[],
  maxBytes: number = DEFAULT_STORED_GAMES_BYTES,
): void {
  const path = join(runDir, GAMES_FILE);
  let size = sizeOf(path);
  let pending = '';
  for (const game of games) {
    const line = storedGameLine(game);
    if (size > 0 && size + line.length > maxBytes) {
      if (pending.length > 0) appendFileSync(path, pending);
      renameSync(path, join(runDir, GAMES_ROTATED_FILE));
      pending = '';
      size = 0;
    }
    pending += line;
    size += line.length;
  }
  if (pending.length > 0) appendFileSync(path, pending);
}

function parseLine(line: string): StoredGame | null {
  try {
    const v = JSON.parse(line) as { game?: unknown; moves?: unknown; score?: unknown };
    if (typeof v.game !== 'number' || typeof v.moves !== 'string' || typeof v.score !== 'number') {
      return null;
    }
    return { game: v.game, moves: parseTranscript(v.moves), score: v.score };
  } catch {
    return null;
  }
}

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n');
  } catch {
    return [];
  }
}

/**
 * The run's stored games, oldest first. A line that does not parse (the last one of a trainer
 * killed while appending) is skipped: the sample is for looking at, never for resuming.
 */
export function readStoredGames(runDir: string): StoredGame[] {
  const lines = [
    ...readLines(join(runDir, GAMES_ROTATED_FILE)),
    ...readLines(join(runDir, GAMES_FILE)),
  ];
  const games: StoredGame[] = [];
  for (const line of lines) {
    if (line.length === 0) continue;
    const game = parseLine(line);
    if (game !== null) games.push(game);
  }
  return games;
}
