import { parseTranscript, Position } from '@prismind/board';
import { randomPositions } from '@prismind/test-support';
import { describe, expect, it } from 'vitest';
import { bestChildMove, onePlyPlayer } from './engine-player';
import { leagueScore } from './league';
import type { MatchGame } from './match';
import { randomPlayer, wpcOnePlyPlayer, wpcPlayer } from './players';
import { wpcTestEngine, ZERO_TABLE } from './test-engines';
import { STANDARD_WPC, TEXTBOOK_WPC } from './wpc';

/** An engine whose evaluation is the League's heuristic, and one with the textbook table. */
const standardEngine = wpcTestEngine(STANDARD_WPC).engine;
const textbookEngine = wpcTestEngine(TEXTBOOK_WPC).engine;

describe('bestChildMove', () => {
  it('is the 1-ply WPC move when the engine evaluates by WPC', () => {
    const wpc = wpcPlayer({ depth: 1 });
    // away from the end, where a finished child would be scored exactly by the WPC player
    for (const p of randomPositions(10, 21).filter((q) => q.discs() < 50)) {
      expect(bestChildMove(standardEngine, p), p.toObf()).toBe(wpc.choose(p));
    }
  });

  it("is the League heuristic's rule everywhere, finished children included", () => {
    const heuristic = wpcOnePlyPlayer();
    for (const p of randomPositions(10, 22)) {
      expect(bestChildMove(standardEngine, p), p.toObf()).toBe(heuristic.choose(p));
    }
  });
});

/**
 * The League protocol written out naively over the slow Position API, independent of the arena's
 * players and match loop: the 1-ply choice (the child with the best value in integer hundredths
 * of the stated table, black's view, ties to the lowest square).
 */
function naiveOnePly(p: Position, table: readonly number[]): number {
  const sign = p.player === 1 ? 1 : -1;
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const m of p.legalMoves()) {
    const cells = p.play(m).toCells();
    let value = 0;
    for (let s = 0; s < 64; s++) {
      const w = Math.round(table[s]! * 100);
      value += cells[s] === 1 ? w : cells[s] === 2 ? -w : 0;
    }
    if (sign * value > bestValue) {
      bestValue = sign * value;
      best = m;
    }
  }
  return best;
}

interface Replayed {
  /** Moves with a choice (two or more legal moves) that were not the side's 1-ply move. */
  deviations: { model: number; heuristic: number };
  /** Σ (k − 1)/k over those moves: ε times it is the expected number of deviations. */
  chances: { model: number; heuristic: number };
  /** Final disc difference from the model's view. */
  discDiff: number;
}

/** Replays one League game move by move, the model playing `modelTable`, the heuristic STANDARD_WPC. */
function replayLeagueGame(game: MatchGame, modelTable: readonly number[]): Replayed {
  const out: Replayed = {
    deviations: { model: 0, heuristic: 0 },
    chances: { model: 0, heuristic: 0 },
    discDiff: 0,
  };
  let p = Position.initial();
  for (const move of parseTranscript(game.transcript)) {
    if (p.mustPass()) p = p.pass();
    const side = p.player === game.color ? 'model' : 'heuristic';
    const k = p.legalMoves().length;
    if (k > 1) {
      out.chances[side] += (k - 1) / k;
      if (move !== naiveOnePly(p, side === 'model' ? modelTable : STANDARD_WPC))
        out.deviations[side]++;
    }
    p = p.play(move);
  }
  expect(p.isGameOver()).toBe(true);
  out.discDiff = game.color === 1 ? p.score() : -p.score();
  return out;
}

describe('leagueScore: the protocol', () => {
  it('matches a naive replay: 1-ply both sides, ε = 0.1 both sides, colours alternating', async () => {
    const r = await leagueScore({ engine: textbookEngine, games: 60, seed: 3, keepGames: true });
    const games = r.records!;
    expect(games.map((g) => g.color)).toEqual(games.map((_, i) => (i % 2 === 0 ? 1 : 2)));
    const wdl = { wins: 0, draws: 0, losses: 0 };
    const deviations = { model: 0, heuristic: 0 };
    const chances = { model: 0, heuristic: 0 };
    for (const g of games) {
      expect(g.opening).toBe(''); // the standard start
      const replayed = replayLeagueGame(g, TEXTBOOK_WPC);
      expect(g.discDiff).toBe(replayed.discDiff);
      if (replayed.discDiff > 0) wdl.wins++;
      else if (replayed.discDiff < 0) wdl.losses++;
      else wdl.draws++;
      for (const side of ['model', 'heuristic'] as const) {
        deviations[side] += replayed.deviations[side];
        chances[side] += replayed.chances[side];
      }
    }
    expect({ wins: r.wins, draws: r.draws, losses: r.losses }).toEqual(wdl);
    const n = 60;
    const score = (wdl.wins + wdl.draws / 2) / n;
    expect(r.score).toBeCloseTo(score, 12);
    // the 95% Wilson interval, written out
    const z = 1.96;
    const centre = (score + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half =
      (z / (1 + (z * z) / n)) * Math.sqrt((score * (1 - score)) / n + (z * z) / (4 * n * n));
    expect(r.interval.low).toBeCloseTo(centre - half, 3);
    expect(r.interval.high).toBeCloseTo(centre + half, 3);
    // each side deviates from its 1-ply move about ε·(k − 1)/k of the time (≈ 1,800 moves each)
    for (const side of ['model', 'heuristic'] as const) {
      const expected = 0.1 * chances[side];
      const sd = Math.sqrt(expected);
      expect(Math.abs(deviations[side] - expected), side).toBeLessThan(4 * sd);
    }
  });

  it('without exploration every move is the naive 1-ply move and each colour repeats its game', async () => {
    const r = await leagueScore({ engine: textbookEngine, games: 4, epsilon: 0, keepGames: true });
    const games = r.records!;
    for (const g of games) {
      const replayed = replayLeagueGame(g, TEXTBOOK_WPC);
      expect(replayed.deviations).toEqual({ model: 0, heuristic: 0 });
    }
    expect(games[2]!.transcript).toBe(games[0]!.transcript);
    expect(games[3]!.transcript).toBe(games[1]!.transcript);
    expect(games[1]!.transcript).not.toBe(games[0]!.transcript);
  });

  it('is reproducible for a seed; the random moves make the games differ', async () => {
    const run = (seed: number) =>
      leagueScore({ player: onePlyPlayer(standardEngine), games: 100, seed, keepGames: true });
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(a.records!.map((g) => g.transcript)).toEqual(b.records!.map((g) => g.transcript));
    expect(a.records!.map((g) => g.transcript)).not.toEqual(c.records!.map((g) => g.transcript));
    expect(new Set(a.records!.map((g) => g.transcript)).size).toBe(100);
  });
});

describe('leagueScore: scores', () => {
  it('the heuristic against itself scores about ½ and the interval says so', async () => {
    const r = await leagueScore({ engine: standardEngine, games: 1000, seed: 2 });
    expect(r.games).toBe(1000);
    expect(r.wins + r.draws + r.losses).toBe(1000);
    expect(r.interval.low).toBeLessThan(0.5);
    expect(r.interval.high).toBeGreaterThan(0.5);
    expect(r.interval.high - r.interval.low).toBeLessThan(0.07); // ≈ 2 · 1.96 · 0.5/√1000
  });

  it('the standard heuristic beats a random player', async () => {
    const r = await leagueScore({ player: randomPlayer(), games: 200, seed: 4 });
    expect(r.interval.high).toBeLessThan(0.3);
    expect(r.meanDiscDiff).toBeLessThan(0);
  });

  it('an untrained model (every evaluation 0) loses to the heuristic', async () => {
    const r = await leagueScore({ engine: wpcTestEngine(ZERO_TABLE).engine, games: 200, seed: 1 });
    expect(r.score).toBeLessThan(0.3);
    expect(r.interval.high).toBeLessThan(0.5);
    expect(r.meanDiscDiff).toBeLessThan(0);
  });

  it('the table is a parameter: the textbook table as the opponent gives other games', async () => {
    const standard = await leagueScore({
      engine: standardEngine,
      games: 20,
      seed: 7,
      keepGames: true,
    });
    const textbook = await leagueScore({
      engine: standardEngine,
      games: 20,
      seed: 7,
      table: TEXTBOOK_WPC,
      keepGames: true,
    });
    expect(textbook.records!.map((g) => g.transcript)).not.toEqual(
      standard.records!.map((g) => g.transcript),
    );
  });

  it('without exploration two deterministic players repeat one pair of games', async () => {
    const r = await leagueScore({ engine: standardEngine, games: 10, epsilon: 0 });
    expect(r.score).toBe(0.5);
  });

  it('needs an engine or a player', async () => {
    await expect(leagueScore({})).rejects.toThrow(/engine/);
  });
});
