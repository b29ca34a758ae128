import { squareToName } from '@prismind/board';
import { randomPositions } from '@prismind/test-support';
import { describe, expect, it } from 'vitest';
import { enginePlayer } from './engine-player';
import { formatGauntlet } from './format';
import { BASELINE_NAMES, baselinePlayer, runGauntlet } from './gauntlet';
import { runMatch } from './match';
import { standardOpenings } from './openings';
import { type GamePlayer, greedyPlayer, randomPlayer, wpcPlayer } from './players';
import { sprtMatch } from './sprt-match';
import { wpcTestEngine, ZERO_TABLE } from './test-engines';
import { TEXTBOOK_WPC } from './wpc';

describe('runMatch', () => {
  it('random vs random is about even and its interval contains 0.5', async () => {
    const r = await runMatch({
      player: randomPlayer(),
      opponent: randomPlayer(),
      games: 400,
      seed: 3,
    });
    expect(r.games).toBe(400);
    expect(r.wins + r.draws + r.losses).toBe(400);
    expect(r.score).toBeGreaterThan(0.4);
    expect(r.score).toBeLessThan(0.6);
    expect(r.scoreInterval.low).toBeLessThan(0.5);
    expect(r.scoreInterval.high).toBeGreaterThan(0.5);
    expect(r.eloInterval.low).toBeLessThan(0);
    expect(r.eloInterval.high).toBeGreaterThan(0);
  });

  it('greedy beats random clearly over 200 games', async () => {
    const r = await runMatch({ player: greedyPlayer(), opponent: randomPlayer(), games: 200 });
    expect(r.score).toBeGreaterThan(0.6);
    expect(r.scoreInterval.low).toBeGreaterThan(0.5);
    expect(r.meanDiscDiff).toBeGreaterThan(0);
    expect(r.elo).toBeGreaterThan(50);
  });

  it('the standard WPC at depth 2 beats random at least 80% of the time', async () => {
    // 85.6% over 1,000 games (seed 1); the textbook table, the old default, scores 90.5%
    const r = await runMatch({
      player: wpcPlayer({ depth: 2 }),
      opponent: randomPlayer(),
      games: 200,
    });
    expect(r.score).toBeGreaterThanOrEqual(0.8);
    expect(r.meanDiscDiff).toBeGreaterThan(10);
  });

  it('plays each opening with both colours, in order', async () => {
    const openings = standardOpenings({ count: 3 });
    const r = await runMatch({
      player: greedyPlayer(),
      opponent: wpcPlayer({ depth: 1 }),
      openings,
      keepGames: true,
    });
    expect(r.games).toBe(6);
    const games = r.records!;
    expect(games.map((g) => g.opening)).toEqual(
      openings.flatMap((o) => [o.transcript, o.transcript]),
    );
    expect(games.map((g) => g.color)).toEqual([1, 2, 1, 2, 1, 2]);
    for (const g of games) {
      expect(g.transcript.startsWith(g.opening)).toBe(true);
      expect(g.discDiff).toBe(g.color === 1 ? g.score : -g.score);
    }
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const run = (seed: number) =>
      runMatch({
        player: randomPlayer(),
        opponent: greedyPlayer(),
        games: 20,
        seed,
        keepGames: true,
      });
    const [a, b, c] = await Promise.all([run(9), run(9), run(10)]);
    expect(a.records!.map((g) => g.transcript)).toEqual(b.records!.map((g) => g.transcript));
    expect(a.records!.map((g) => g.transcript)).not.toEqual(c.records!.map((g) => g.transcript));
  });

  it('stops an A/B match early by SPRT', async () => {
    const r = await sprtMatch({
      a: wpcPlayer({ depth: 2 }),
      b: randomPlayer(),
      elo0: 0,
      elo1: 100,
      maxGames: 400,
    });
    expect(r.sprt?.decision).toBe('H1');
    expect(r.stoppedEarly).toBe(true);
    expect(r.games).toBeLessThan(100);
    expect(r.games % 2).toBe(0); // checked after whole pairs
  });

  it('names a player that returns an illegal move', async () => {
    const cheat: GamePlayer = { name: 'cheat', choose: () => 0 };
    await expect(runMatch({ player: cheat, opponent: randomPlayer(), games: 1 })).rejects.toThrow(
      /player cheat chose 0/,
    );
  });
});

describe('runGauntlet', () => {
  it('reports every baseline and applies the thresholds', async () => {
    const seen: string[] = [];
    const r = await runGauntlet({
      player: wpcPlayer({ depth: 2, name: 'candidate' }),
      openings: standardOpenings({ count: 30 }),
      onGame: (opponent) => seen.push(opponent),
    });
    expect(r.matches.map((m) => m.opponent)).toEqual(['random', 'greedy', 'wpc']);
    expect(r.matches.every((m) => m.games === 60)).toBe(true);
    expect(seen).toHaveLength(180);
    const random = r.matches[0]!;
    expect(random.threshold).toBe(0.85);
    expect(random.passed, `score ${random.score}`).toBe(true);
    // the same player as the wpc baseline: each opening twice with the colours swapped
    const self = r.matches[2]!;
    expect(self.threshold).toBe(0.6);
    expect(self.score).toBe(0.5);
    expect(self.passed).toBe(false);
    expect(r.matches[1]!.threshold).toBeUndefined();
    expect(r.promoted).toBe(false);
    expect(r.failed).toEqual(['wpc']);
    const text = formatGauntlet(r);
    expect(text).toContain('vs random: 60 games');
    expect(text).toContain('not promoted (missed: wpc)');
  });

  it('promotes when every threshold is met', async () => {
    const r = await runGauntlet({
      player: wpcPlayer({ depth: 2 }),
      opponents: [randomPlayer()],
      openings: standardOpenings({ count: 10 }),
      thresholds: { random: 0.8 },
    });
    expect(r.promoted).toBe(true);
    expect(formatGauntlet(r).split('\n').at(-1)).toBe('promoted');
  });

  it('evaluates an engine through its search at a fixed depth', async () => {
    const { engine, searches } = wpcTestEngine(ZERO_TABLE);
    const r = await runGauntlet({
      engine,
      depth: 1,
      opponents: [greedyPlayer()],
      openings: standardOpenings({ count: 2 }),
    });
    expect(r.player).toBe('model');
    expect(r.matches[0]!.games).toBe(4);
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.every((l) => l.depth === 1 && l.exactEmpties === 0)).toBe(true);
    // an untrained model evaluates everything 0: the engine plays the first move in its root order
    const game = await runMatch({
      player: enginePlayer(engine, { depth: 1 }),
      opponent: greedyPlayer(),
      openings: standardOpenings({ count: 1 }),
      games: 1,
      keepGames: true,
    });
    const first = standardOpenings({ count: 1 })[0]!.position.legalMoves()[0]!;
    expect(game.records![0]!.transcript.slice(8, 10)).toBe(squareToName(first));
  });

  it('rejects duplicate opponent names and a missing player', async () => {
    await expect(
      runGauntlet({ player: greedyPlayer(), opponents: [randomPlayer(), randomPlayer()] }),
    ).rejects.toThrow(/unique/);
    await expect(runGauntlet({})).rejects.toThrow(/player or an engine/);
  });
});

describe('baselinePlayer', () => {
  it("knows every name in BASELINE_NAMES; 'wpc' is the standard table, 'wpc-textbook' the other", () => {
    for (const kind of BASELINE_NAMES) expect(baselinePlayer(kind)?.name).toBe(kind);
    expect(baselinePlayer('wpc')?.description).toContain('standard table');
    expect(baselinePlayer('wpc-textbook', { depth: 3 })?.description).toBe(
      'weighted piece counter (textbook table), alpha-beta depth 3',
    );
    expect(baselinePlayer('greedy', { name: 'greedy-2' })?.name).toBe('greedy-2');
    expect(baselinePlayer('stockfish')).toBeUndefined();
  });

  it("'wpc-textbook' plays the textbook table's moves", () => {
    const textbook = baselinePlayer('wpc-textbook', { depth: 2 })!;
    const reference = wpcPlayer({ depth: 2, table: TEXTBOOK_WPC });
    for (const p of randomPositions(5, 8)) expect(textbook.choose(p)).toBe(reference.choose(p));
  });
});
