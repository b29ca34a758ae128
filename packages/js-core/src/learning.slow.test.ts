import { Position } from '@prismind/board';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsEngine, type JsEngine } from './engine';
import { testRandom } from '@prismind/test-support';

/** The side to move's choice: a depth-1 greedy move of `engine`, or a random legal move. */
type Chooser = (p: Position) => Promise<number>;

const greedy =
  (engine: JsEngine): Chooser =>
  async (p) =>
    (await engine.search(p.toCells(), p.player, { depth: 1 })).move;

const randomPlayer = (seed: number): Chooser => {
  const r = testRandom(seed);
  return async (p) => {
    const moves = p.legalMoves();
    return moves[Math.floor(r() * moves.length)]!;
  };
};

/** Final score (black minus white) of a game from `start`. */
async function play(start: Position, black: Chooser, white: Chooser): Promise<number> {
  let p = start;
  while (!p.isGameOver()) {
    if (p.mustPass()) {
      p = p.pass();
      continue;
    }
    p = p.play(await (p.player === 1 ? black : white)(p));
  }
  return p.score();
}

/** Games won by `a` over `games` games, colours alternating, from the given openings. */
async function wins(a: Chooser, b: Chooser, openings: Position[]): Promise<number> {
  let won = 0;
  for (let g = 0; g < openings.length; g++) {
    const aBlack = g % 2 === 0;
    const score = await play(openings[g]!, aBlack ? a : b, aBlack ? b : a);
    if ((aBlack && score > 0) || (!aBlack && score < 0)) won++;
  }
  return won;
}

/** Openings of `plies` random moves, each used twice (once per colour). */
function openings(count: number, plies: number, seed: number): Position[] {
  const r = testRandom(seed);
  const out: Position[] = [];
  while (out.length < count) {
    let p = Position.initial();
    for (let i = 0; i < plies; i++) {
      const moves = p.legalMoves();
      p = p.play(moves[Math.floor(r() * moves.length)]!);
    }
    out.push(p, p);
  }
  return out;
}

const GAMES = 8000;

describe('learning by self-play', () => {
  const trained = createJsEngine();
  const untrained = createJsEngine();
  afterAll(() => Promise.all([trained.dispose(), untrained.dispose()]));

  it('learns to beat a random player and the untrained model', async () => {
    const started = performance.now();
    // The spec's defaults except a learning rate of 0.01 (0.005 needs about twice the games).
    const r = await trained.train({
      games: GAMES,
      seed: 2024,
      search: { depth: 1 },
      learning: { learningRate: 0.01 },
    });
    const trainSeconds = (performance.now() - started) / 1000;
    expect(r.gamesCompleted).toBe(GAMES);
    const vsRandom = await wins(greedy(trained), randomPlayer(7), openings(200, 0, 1));
    const vsUntrained = await wins(greedy(trained), greedy(untrained), openings(100, 4, 3));
    console.log(
      JSON.stringify({ trainSeconds, gamesPerSecond: GAMES / trainSeconds, vsRandom, vsUntrained }),
    );
    expect(vsRandom).toBeGreaterThanOrEqual(180);
    expect(vsUntrained).toBeGreaterThan(60);
  });
});
