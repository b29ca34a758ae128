import { nameToSquare, Position, replayTranscript } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import { randomPositions, testRandom } from '@prismind/test-support';
import { WIN_SCALE } from './alphabeta';
import { epsilonPlayer, greedyPlayer, randomPlayer, wpcPlayer } from './players';
import { wpcValue } from './wpc';

/** Plain minimax over Position, side to move's view, with the same conventions as AlphaBeta. */
function minimax(p: Position, depth: number): number {
  if (p.isGameOver()) {
    return WIN_SCALE * (p.player === 1 ? p.score() : -p.score());
  }
  const sign = p.player === 1 ? 1 : -1;
  if (depth === 0) return sign * wpcValue(p.toCells());
  if (p.mustPass()) return -minimax(p.pass(), depth);
  let best = Number.NEGATIVE_INFINITY;
  for (const m of p.legalMoves()) best = Math.max(best, -minimax(p.play(m), depth - 1));
  return best;
}

/** The first move in ascending order with the minimax value. */
function referenceMove(p: Position, depth: number): number {
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const m of p.legalMoves()) {
    const v = -minimax(p.play(m), depth - 1);
    if (v > bestValue) {
      bestValue = v;
      best = m;
    }
  }
  return best;
}

describe('wpcPlayer (alpha-beta)', () => {
  const positions = randomPositions(30, 4);
  const pick = (n: number, seed: number): Position[] => {
    const r = testRandom(seed);
    return Array.from({ length: n }, () => positions[Math.floor(r() * positions.length)]!);
  };

  for (const depth of [1, 2, 3]) {
    it(`plays the plain minimax move at depth ${depth}`, () => {
      const player = wpcPlayer({ depth });
      for (const p of pick(depth === 3 ? 60 : 150, depth)) {
        expect(player.choose(p), p.toObf()).toBe(referenceMove(p, depth));
      }
    });
  }

  it('takes a corner when one is there at depth 1', () => {
    // white b2 and d4, black c3 and e5: black may take a1 (flipping b2) or play elsewhere
    const p = Position.fromCells(
      Array.from({ length: 64 }, (_, s) =>
        s === 9 ? 2 : s === 18 ? 1 : s === 27 ? 2 : s === 36 ? 1 : 0,
      ),
      1,
    );
    expect(p.legalMoves()).toContain(0);
    expect(wpcPlayer({ depth: 1 }).choose(p)).toBe(0);
  });

  it('rejects a bad depth or table', () => {
    expect(() => wpcPlayer({ depth: 0 })).toThrow(/depth/);
    expect(() => wpcPlayer({ table: [1, 2] })).toThrow(/64/);
  });
});

describe('greedyPlayer', () => {
  it('plays the move that flips the most, ties by lowest square', () => {
    const greedy = greedyPlayer();
    for (const p of randomPositions(5, 11)) {
      const flips = p.legalMoves().map((m) => p.flips(m).length);
      const most = Math.max(...flips);
      expect(greedy.choose(p)).toBe(p.legalMoves()[flips.indexOf(most)]);
    }
  });

  it('at the start every move flips one: d3, the lowest', () => {
    expect(greedyPlayer().choose(Position.initial())).toBe(nameToSquare('d3'));
  });
});

describe('randomPlayer', () => {
  const play = (seed: number): number[] => {
    const player = randomPlayer();
    player.newGame?.(seed);
    const p = replayTranscript('f5d6c3d3c4').final;
    return Array.from({ length: 20 }, () => player.choose(p) as number);
  };

  it('plays legal moves, the same ones for the same seed', () => {
    const a = play(7);
    expect(a).toEqual(play(7));
    expect(a).not.toEqual(play(8));
    const legal = replayTranscript('f5d6c3d3c4').final.legalMoves();
    for (const m of a) expect(legal).toContain(m);
    expect(new Set(a).size).toBeGreaterThan(2);
  });
});

describe('epsilonPlayer', () => {
  it('plays the inner move except about epsilon of the time', () => {
    const inner = greedyPlayer();
    const p = replayTranscript('f5d6c3d3c4f4').final;
    const want = inner.choose(p);
    const player = epsilonPlayer(inner, 0.3);
    player.newGame?.(5);
    let other = 0;
    for (let i = 0; i < 2000; i++) if (player.choose(p) !== want) other++;
    // a random move differs from the greedy one with probability (k − 1)/k
    const k = p.legalMoves().length;
    expect(other / 2000).toBeCloseTo((0.3 * (k - 1)) / k, 1);
  });

  it('rejects epsilon outside [0, 1]', () => {
    expect(() => epsilonPlayer(greedyPlayer(), 1.5)).toThrow(/epsilon/);
  });
});
