import { Position, WEIGHTS_PER_STAGE } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import { visualizePattern } from './pattern-view';
import { smallState } from './test-support';

describe('visualizePattern', () => {
  // a1 black, b1 white, plus the centre: corner3x3 instance 0 reads digits 1 2 0 0 0 0 0 0 0
  const cells = Array.from(Position.initial().toCells());
  cells[0] = 1;
  cells[1] = 2;
  const index = 1 * 3 ** 8 + 2 * 3 ** 7; // 10935
  // The weight it reads: the smallest index of its orbit, its transpose (a1 black, a2 white:
  // 6561 + 2 · 243 = 7047) read as it is; its colour inverses are larger (15309, 13365).
  const canonical = 7047;
  const state = smallState(2);
  state.weights[0 * WEIGHTS_PER_STAGE + canonical] = 0.25;
  state.weights[1 * WEIGHTS_PER_STAGE + canonical] = 1.5;
  state.weights[index] = 99; // not canonical: never read

  it('shows one instance: squares, states, index and the weight in every stage', () => {
    const [view] = visualizePattern(state, cells, 0);
    expect(view!.pattern).toBe('corner3x3');
    expect(view!.squares.map((q) => q.name)).toEqual([
      'a1',
      'b1',
      'c1',
      'a2',
      'b2',
      'c2',
      'a3',
      'b3',
      'c3',
    ]);
    expect(view!.squares.map((q) => q.state)).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0]);
    expect(view!.squares[0]!.power).toBe(6561);
    expect(view!.index).toBe(index);
    expect(view!.digits).toBe('120000000');
    // 6 discs with 2 stages: stage floor(2 · 2 / 61) = 0
    expect(view!.stage).toBe(0);
    expect(view!.weight).toBeCloseTo(0.25, 7);
    expect(view!.weightsByStage).toEqual([0.25, 1.5]);
    // The colour inverse (a1 white, b1 black) reads the same weights negated.
    const inverse = cells.map((c) => (c === 0 ? 0 : 3 - c));
    expect(visualizePattern(state, inverse, 0)[0]!.weightsByStage).toEqual([-0.25, -1.5]);
    expect(view!.picture.split('\n')[1]).toBe('1 [X[O[.]. . . . . 1');
  });

  it('shows every instance of a shape by name', () => {
    const views = visualizePattern(state, cells, 'edge2x');
    expect(views.map((v) => v.feature)).toEqual([12, 13, 14, 15]);
    expect(views.every((v) => v.pattern === 'edge2x')).toBe(true);
    // the edge2x instance on rank 1 reads b2 a1 b1 c1 ...: digits 0 1 2 0 ...
    expect(views[0]!.digits).toBe('0120000000');
  });

  it('rejects patterns that do not exist', () => {
    expect(() => visualizePattern(state, cells, 46)).toThrow(/0\.\.45/);
    expect(() => visualizePattern(state, cells, 'hexagon')).toThrow(/corner3x3/);
  });
});
