import { describe, expect, it } from 'vitest';
import { errorOf } from '../test/errors';
import { rng } from '../test/reference';
import { Position } from './position';
import {
  movesToTranscript,
  PASS,
  parseTranscript,
  replayMoves,
  replayTranscript,
} from './transcript';

/** A seeded random game as squares (passes implicit), and where the passes fell. */
function randomGame(seed: number): { moves: number[]; passesBefore: number[] } {
  const next = rng(seed);
  let p = Position.initial();
  const moves: number[] = [];
  const passesBefore: number[] = [];
  while (!p.isGameOver()) {
    if (p.mustPass()) {
      passesBefore.push(moves.length);
      p = p.pass();
      continue;
    }
    const legal = p.legalMoves();
    const m = legal[Math.floor(next() * legal.length)]!;
    moves.push(m);
    p = p.play(m);
  }
  return { moves, passesBefore };
}

describe('transcripts', () => {
  it('parses squares in either case, with spaces and commas, and explicit passes', () => {
    expect(parseTranscript('f5d6C3 d3, c4')).toEqual([37, 43, 18, 19, 26]);
    expect(parseTranscript('f5 pa d6 -- PA')).toEqual([37, PASS, 43, PASS, PASS]);
    expect(parseTranscript('')).toEqual([]);
  });

  it('rejects malformed text with INVALID_NOTATION naming the move and offset', () => {
    const e = errorOf(() => parseTranscript('f5d6x3'));
    expect(e.code).toBe('INVALID_NOTATION');
    expect(e.message).toMatch(/"x3" at character 4 \(move 3\)/);
    expect(errorOf(() => parseTranscript('f5d')).code).toBe('INVALID_NOTATION');
    expect(errorOf(() => parseTranscript('1. f5')).code).toBe('INVALID_NOTATION');
    expect(errorOf(() => parseTranscript('f9')).code).toBe('INVALID_NOTATION');
  });

  it('round-trips 200 random games (squares → text → squares, same final position)', () => {
    let withPass = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { moves, passesBefore } = randomGame(seed);
      if (passesBefore.length > 0) withPass++;
      const text = movesToTranscript(moves);
      expect(text).toMatch(/^([a-h][1-8])+$/);
      expect(parseTranscript(text)).toEqual(moves);
      const record = replayTranscript(text, { requireFinished: true });
      expect(record.moves).toEqual(moves);
      expect(record.positions.length).toBe(moves.length);
      expect(record.final.isGameOver()).toBe(true);
      // The same game with explicit passes where they were forced.
      const explicit: number[] = [];
      moves.forEach((m, i) => {
        for (const at of passesBefore) if (at === i) explicit.push(PASS);
        explicit.push(m);
      });
      if (passesBefore.includes(moves.length)) explicit.push(PASS);
      const again = replayMoves(explicit);
      expect(again.moves).toEqual(moves);
      expect(again.final.equals(record.final)).toBe(true);
      expect(movesToTranscript(explicit)).toBe(text);
    }
    expect(withPass).toBeGreaterThan(0);
  });

  it('names the move number, the square and the legal moves of an illegal move', () => {
    const e = errorOf(() => replayTranscript('f5d6c3a1'));
    expect(e.code).toBe('ILLEGAL_MOVE');
    expect(e.message).toMatch(/^move 4: a1 is illegal for white; legal moves: /);
    expect(e.details).toMatchObject({ move: 4, square: 0 });
    expect(errorOf(() => replayTranscript('f5f5')).message).toMatch(/move 2: f5 is illegal/);
  });

  it('rejects an explicit pass where a move exists, a move after the end, and unfinished games when asked', () => {
    expect(errorOf(() => replayTranscript('f5pa')).message).toMatch(/move 2: white may not pass/);
    const shortest = 'd3c3b3d2e1d6d7e3f4';
    expect(replayTranscript(shortest, { requireFinished: true }).final.score()).toBe(64);
    const after = errorOf(() => replayTranscript(`${shortest}a1`));
    expect(after.code).toBe('ILLEGAL_MOVE');
    expect(after.message).toMatch(/move 10: a1 comes after the end of the game/);
    expect(errorOf(() => replayTranscript(`${shortest}pa`)).message).toMatch(
      /move 10: white may not pass; legal moves: none \(the game is over\)/,
    );
    expect(errorOf(() => replayTranscript('f5d6', { requireFinished: true })).code).toBe(
      'ILLEGAL_MOVE',
    );
    expect(errorOf(() => replayMoves([37, 64])).code).toBe('INVALID_SQUARE');
    expect(errorOf(() => movesToTranscript([1.5])).code).toBe('INVALID_SQUARE');
  });

  it('replays from another start position', () => {
    const start = Position.initial().play('f5');
    expect(
      replayTranscript('d6', { start }).final.equals(Position.initial().play('f5').play('d6')),
    ).toBe(true);
  });
});
