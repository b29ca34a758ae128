import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { squareToName } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import { EndgameSetError, endgameSetPath, loadEndgameSet, parseEndgameSet } from './endgame-set';
import { FIXTURE_PATH, solve } from './test-endgames';

const ROW = 'XXXXX-X-XXXXOOO-XXXXOOOXXOXXOOOOXXOOXOOOXXOXXXXXOOOOOOXXOOOOOOO-';

function syntaxError(text: string): EndgameSetError {
  try {
    parseEndgameSet(text, 'set.txt');
  } catch (error) {
    expect(error).toBeInstanceOf(EndgameSetError);
    expect((error as EndgameSetError).code).toBe('ENDGAME_SET_SYNTAX');
    return error as EndgameSetError;
  }
  throw new Error('expected a syntax error');
}

describe('the fixture set', () => {
  const positions = loadEndgameSet(FIXTURE_PATH);

  it('has six positions at 4..10 empties, lines numbered from the file', () => {
    expect(positions.map((p) => 64 - p.position.discs())).toEqual([4, 6, 8, 9, 10, 10]);
    expect(positions.map((p) => p.line)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(positions[3]!.position.player).toBe(2);
  });

  it('holds exact scores and every best move, by brute force', () => {
    for (const { position, score, bestMoves } of positions) {
      expect(solve(position), position.toObf()).toBe(score);
      const best = position.legalMoves().filter((m) => -solve(position.play(m)) === score);
      expect(bestMoves, position.toObf()).toEqual(best);
    }
  });
});

describe('parseEndgameSet', () => {
  it('reads a line: board, side, score, best moves; skips comments and blank lines', () => {
    const [entry, ...rest] = parseEndgameSet(`# comment\n\n  ${ROW} X +2 f1\r\n`);
    expect(rest).toEqual([]);
    expect(entry!.position.toObf()).toBe(`${ROW} X`);
    expect(entry!.score).toBe(2);
    expect(entry!.bestMoves.map(squareToName)).toEqual(['f1']);
    expect(entry!.line).toBe(3);
  });

  it('names the source and line of a bad line and what was expected', () => {
    const e = syntaxError(`# ok\n${ROW} X 2\n`);
    expect(e.details).toEqual({ source: 'set.txt', line: 2 });
    expect(e.message).toMatch(/^set\.txt:2: 3 fields; expected "<64 squares/);
  });

  it.each([
    [`${ROW.slice(1)}Z X 2 f1`, /column 64 .* is "Z"/],
    [`${ROW} Y 2 f1`, /expected X or O/],
    [`${ROW} X two f1`, /score "two" is not an integer/],
    [`${ROW} X 65 f1`, /score "65" is not an integer in -64\.\.64/],
    [`${ROW} X 2 f9`, /best move "f9" is not a square/],
    [`${ROW} X 2 a1`, /best move a1 is not legal/],
    [`${'X'.repeat(63)}- O 0 h8`, /the side to move has no legal move/],
  ])('rejects %s', (line, message) => {
    const e = syntaxError(`\n${line}`);
    expect(e.details.line).toBe(2);
    expect(e.message).toMatch(message);
  });
});

describe('loadEndgameSet', () => {
  it('finds the packaged set at data/endgame-set.txt of the package', () => {
    expect(endgameSetPath()).toBe(join(import.meta.dirname, '..', 'data', 'endgame-set.txt'));
  });

  it('is ENDGAME_SET_NOT_FOUND for a missing file', () => {
    expect(() => loadEndgameSet('/nonexistent/set.txt')).toThrow(
      expect.objectContaining({
        code: 'ENDGAME_SET_NOT_FOUND',
        details: { source: '/nonexistent/set.txt' },
      }),
    );
  });

  it('reads the file it is given, with the path as the source', () => {
    expect(loadEndgameSet(FIXTURE_PATH)).toEqual(
      parseEndgameSet(readFileSync(FIXTURE_PATH, 'utf8'), FIXTURE_PATH),
    );
  });
});
