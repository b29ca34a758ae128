import { replayTranscript } from '@prismind/board';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/run-dir';
import { GAMES_FILE, GAMES_ROTATED_FILE } from './names';
import { appendStoredGames, readStoredGames } from './stored-games';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const OPENING = replayTranscript('f5d6c3d3c4f4f6f3e6e7').moves;
const game = (n: number) => ({ game: n, moves: OPENING, finalScore: n % 7 });

describe('stored games', () => {
  it('writes one documented JSON line per game and reads the games back', () => {
    appendStoredGames(dir, [game(0), game(1000)]);
    const first = readFileSync(join(dir, GAMES_FILE), 'utf8').split('\n')[0];
    expect(JSON.parse(first!)).toEqual({ game: 0, moves: 'f5d6c3d3c4f4f6f3e6e7', score: 0 });
    expect(readStoredGames(dir)).toEqual([
      { game: 0, moves: OPENING, score: 0 },
      { game: 1000, moves: OPENING, score: 1000 % 7 },
    ]);
  });

  it('rotates at the bound, keeping the newest games under twice the bound', () => {
    const maxBytes = 1_000;
    for (let batch = 0; batch < 20; batch++) {
      appendStoredGames(dir, [game(batch * 2), game(batch * 2 + 1)], maxBytes);
      expect(statSync(join(dir, GAMES_FILE)).size).toBeLessThanOrEqual(maxBytes);
    }
    expect(statSync(join(dir, GAMES_ROTATED_FILE)).size).toBeLessThanOrEqual(maxBytes);
    const numbers = readStoredGames(dir).map((g) => g.game);
    expect(numbers.at(-1)).toBe(39);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers[0]).toBeGreaterThan(0);
  });

  it('skips a torn last line and reads a run without games as empty', () => {
    expect(readStoredGames(dir)).toEqual([]);
    appendStoredGames(dir, [game(5)]);
    appendFileSync(join(dir, GAMES_FILE), '{"game":6,"moves":"f5d');
    expect(readStoredGames(dir).map((g) => g.game)).toEqual([5]);
  });
});
