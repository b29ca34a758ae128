import { Position } from '@prismind/board';
import type { CellsInput, Engine, Player, SearchLimits } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import { endgameAccuracy } from './endgame-accuracy';
import { loadEndgameSet } from './endgame-set';
import { bestChildByValue } from './one-ply';
import { FIXTURE_PATH, solve } from './test-endgames';
import { wpcTestEngine, ZERO_TABLE } from './test-engines';

const positions = loadEndgameSet(FIXTURE_PATH);

/** Black's view of the exact score of a position. */
const exactBlack = (p: Position) => (p.player === 1 ? 1 : -1) * solve(p);

/** An engine that knows every endgame: exact evaluation; its search takes the best exact child. */
function oracleEngine(): { engine: Engine; searches: SearchLimits[] } {
  const searches: SearchLimits[] = [];
  const engine = {
    backend: 'js',
    evaluate: (cells: CellsInput, player: Player) => exactBlack(Position.fromCells(cells, player)),
    async search(cells: CellsInput, player: Player, limits: SearchLimits) {
      searches.push(limits);
      const move = bestChildByValue(Position.fromCells(cells, player), exactBlack);
      return { move, score: 0, depth: 4, nodes: 0, timeMs: 0, exact: false, pv: [move] };
    },
  };
  return { engine: engine as unknown as Engine, searches };
}

describe('endgameAccuracy', () => {
  it('is perfect for an engine that evaluates exactly, and searches depth 4 without the solver', async () => {
    const { engine, searches } = oracleEngine();
    const result = await endgameAccuracy(engine, positions);
    expect(result).toEqual({
      positions: 6,
      maeByEmpties: [
        { empties: 4, count: 1, mae: 0 },
        { empties: 6, count: 1, mae: 0 },
        { empties: 8, count: 1, mae: 0 },
        { empties: 9, count: 1, mae: 0 },
        { empties: 10, count: 2, mae: 0 },
      ],
      mae: 0,
      onePlyBestRate: 1,
      depth4BestRate: 1,
    });
    expect(searches).toEqual(new Array(6).fill({ depth: 4, exactEmpties: 0 }));
  });

  it('measures an untrained model: error = |exact score|, 1-ply = the lowest legal square', async () => {
    const { engine } = wpcTestEngine(ZERO_TABLE);
    const result = await endgameAccuracy(engine, positions);
    const abs = positions.map((p) => Math.abs(p.score));
    expect(result.mae).toBeCloseTo(abs.reduce((a, b) => a + b, 0) / 6, 12);
    expect(result.maeByEmpties.at(-1)).toEqual({
      empties: 10,
      count: 2,
      mae: (abs[4]! + abs[5]!) / 2,
    });
    const lowestIsBest = positions.filter((p) => p.bestMoves.includes(p.position.legalMoves()[0]!));
    expect(result.onePlyBestRate).toBe(lowestIsBest.length / 6);
  });

  it("takes the evaluation from the side to move: white to move, black's view negated", async () => {
    const { engine } = oracleEngine();
    const white = positions.filter((p) => p.position.player === 2);
    expect(white.length).toBeGreaterThan(0);
    const shifted = {
      ...engine,
      evaluate: (c: CellsInput, p: Player) => engine.evaluate(c, p) + 1,
    };
    // +1 for black is −1 for white: an error of 1 either way.
    expect((await endgameAccuracy(shifted as Engine, white)).mae).toBe(1);
  });

  it('measures the first `count` positions, and refuses an empty set', async () => {
    const { engine } = oracleEngine();
    expect((await endgameAccuracy(engine, positions, { count: 2 })).positions).toBe(2);
    await expect(endgameAccuracy(engine, [])).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});
