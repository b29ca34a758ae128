import { nameToSquare, parseObf } from '@prismind/board';
import { createJsEngine } from '@prismind/js-core';
import { afterAll, describe, expect, it } from 'vitest';
import { replayGame } from './replay';

// The shortest Othello games take 9 moves; this one ends with black owning every disc.
const SHORT = 'd3c3b3d2e1d6d7e3f4';

describe('replayGame', () => {
  const engine = createJsEngine();
  afterAll(() => engine.dispose());

  it('gives legal best moves at every ply and the final score', async () => {
    const r = await replayGame(engine, SHORT, { depth: 2 });
    expect(r.plies).toHaveLength(9);
    expect(r.finished).toBe(true);
    expect(r.finalScore).toBe(64);
    for (const p of r.plies) {
      const position = parseObf(p.obf);
      expect(position.legalMoves(), p.obf).toContain(p.bestMove);
      expect(position.isLegal(p.played)).toBe(true);
      expect(p.evaluation).toBe(0); // a fresh model
    }
    // the last move wipes white out: the search sees the finished game and its exact score
    const last = r.plies.at(-1)!;
    expect(last.played).toBe(nameToSquare('f4'));
    expect(last.bestMove).toBe(nameToSquare('f4'));
    expect(last.bestScore).toBe(64);
    expect(last.agrees).toBe(true);
    expect(r.agreement).toBeCloseTo(r.plies.filter((p) => p.agrees).length / 9, 12);
  });

  it('verbose: boards and a report; log gets the lines', async () => {
    const lines: string[] = [];
    const r = await replayGame(engine, SHORT, {
      verbose: true,
      depth: 1,
      log: (l) => lines.push(l),
    });
    expect(r.plies[0]!.board).toContain('   a b c d e f g h');
    expect(r.text).toContain(' 1. X d3');
    expect(r.text!.split('\n').at(-1)).toBe('final score 64 (black minus white)');
    expect(lines.join('\n')).toBe(r.text);
  });

  it('an unfinished game reports the disc difference; illegal moves are refused', async () => {
    const r = await replayGame(engine, [nameToSquare('f5')], { depth: 1 });
    expect(r.finished).toBe(false);
    expect(r.finalScore).toBe(3);
    expect(r.text).toBeUndefined();
    await expect(replayGame(engine, 'a1')).rejects.toThrow(/ILLEGAL|illegal/);
  });
});
