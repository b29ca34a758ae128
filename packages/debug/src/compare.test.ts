import { join } from 'node:path';
import { WEIGHTS_PER_STAGE } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import { compareCheckpoints, compareStates } from './compare';
import { cloneState, smallState, tempDir, writeTrainerCheckpoint } from './test-support';

function planted() {
  const a = smallState(2, 100);
  a.weights[5] = 1; // shape 0, stage 0, index 5: not changed below
  const b = cloneState(a);
  b.games = 250;
  b.step = 250;
  const s1 = WEIGHTS_PER_STAGE;
  b.weights[s1 + 5] = 2; // corner3x3, stage 1, index 5: +2
  b.weights[s1 + 7] = -0.5; // corner3x3, stage 1, index 7: −0.5
  b.weights[167184 + 3] = 0.25; // diag4 (offset 167184), stage 0, index 3
  return { a, b };
}

describe('compareCheckpoints', () => {
  it('finds exactly the planted changes, per pattern and stage', () => {
    const { a, b } = planted();
    const c = compareStates(a, b);
    expect(c.gamesBetween).toBe(150);
    expect(c.stepsBetween).toBe(150);
    expect(c.blocks).toHaveLength(11 * 2);
    const corner1 = c.blocks.find((x) => x.pattern === 'corner3x3' && x.stage === 1)!;
    expect(corner1).toMatchObject({ weights: 19683, changed: 2, maxAbsChange: 2, maxIndex: 5 });
    expect(corner1.meanAbsChange).toBeCloseTo(2.5 / 19683, 12);
    expect(corner1.meanAbsChangeChanged).toBe(1.25);
    const diag = c.blocks.find((x) => x.pattern === 'diag4' && x.stage === 0)!;
    expect(diag).toMatchObject({ weights: 81, changed: 1, maxAbsChange: 0.25, maxIndex: 3 });
    const untouched = c.blocks.filter((x) => x !== corner1 && x !== diag);
    expect(untouched.every((x) => x.changed === 0 && x.maxAbsChange === 0)).toBe(true);
    expect(c.total.changed).toBe(3);
    expect(c.total.maxAbsChange).toBe(2);
    expect(c.total.meanAbsChange).toBeCloseTo(2.75 / (2 * WEIGHTS_PER_STAGE), 12);
    expect(c.total.meanAbsChangeChanged).toBeCloseTo(2.75 / 3, 12);
  });

  it('counts non-finite pairs apart and NaN against NaN as unchanged', () => {
    const { a, b } = planted();
    a.weights[100] = Number.NaN;
    b.weights[100] = Number.NaN;
    b.weights[101] = Number.POSITIVE_INFINITY;
    const block = compareStates(a, b).blocks[0]!;
    expect(block.changed).toBe(1);
    expect(block.nonFinite).toBe(1);
    expect(block.maxAbsChange).toBe(0);
  });

  it('reads trainer checkpoints from disk', async () => {
    const { a, b } = planted();
    const dir = await tempDir();
    await writeTrainerCheckpoint(join(dir, 'a.prsm'), a);
    await writeTrainerCheckpoint(join(dir, 'b.prsm'), b);
    const c = await compareCheckpoints(join(dir, 'a.prsm'), join(dir, 'b.prsm'));
    expect(c.total.changed).toBe(3);
    expect(c.gamesA).toBe(100);
    expect(c.gamesB).toBe(250);
  });

  it('refuses models of different shapes', () => {
    expect(() => compareStates(smallState(1), smallState(2))).toThrow(/1 stages.*2/);
  });
});
