import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  FEATURE_COUNT,
  FEATURE_SHAPE,
  FEATURE_SQUARES,
  FEATURE_START,
  PATTERN_FEATURES,
  PATTERN_SHAPES,
  SHAPE_OFFSETS,
  SQUARE_TERM_FEATURE,
  SQUARE_TERM_POWER,
  SQUARE_TERM_START,
  WEIGHTS_PER_STAGE,
} from './patterns';
import { nameToSquare } from './squares';

const SPEC = fileURLToPath(new URL('../../../docs/engine-spec.md', import.meta.url));

interface SpecShape {
  name: string;
  size: number;
  weights: number;
  instances: { symmetry: number; names: string[]; squares: number[] }[];
}

/** The full instance table of docs/engine-spec.md ("The full instance table"), parsed. */
function specTable(): SpecShape[] {
  const text = readFileSync(SPEC, 'utf8');
  const shapes: SpecShape[] = [];
  for (const line of text.split('\n')) {
    const head = /^(\w+): (\d+) squares, 3\^\d+=(\d+), (\d+) instances$/.exec(line);
    if (head) {
      shapes.push({
        name: head[1]!,
        size: Number(head[2]),
        weights: Number(head[3]),
        instances: [],
      });
      continue;
    }
    const inst = /^\s+sym (\d) ([a-h1-8 ]+) \| ([\d,]+)$/.exec(line);
    if (inst) {
      shapes.at(-1)!.instances.push({
        symmetry: Number(inst[1]),
        names: inst[2]!.trim().split(' '),
        squares: inst[3]!.split(',').map(Number),
      });
    }
  }
  return shapes;
}

describe('pattern geometry (prismind-v3)', () => {
  it('generates exactly the instance table of docs/engine-spec.md', () => {
    const spec = specTable();
    expect(spec.length).toBe(11);
    expect(
      PATTERN_SHAPES.map((s) => ({
        name: s.name,
        size: s.size,
        weights: s.weightsPerStage,
        instances: s.instances.map((i) => ({ symmetry: i.symmetry, squares: [...i.squares] })),
      })),
    ).toEqual(
      spec.map((s) => ({
        name: s.name,
        size: s.size,
        weights: s.weights,
        instances: s.instances.map((i) => ({ symmetry: i.symmetry, squares: i.squares })),
      })),
    );
    // The spec's names and indices agree with each other too.
    for (const s of spec)
      for (const i of s.instances) expect(i.names.map(nameToSquare)).toEqual(i.squares);
  });

  it('has 46 features, 167,265 weights per stage and the spec offsets', () => {
    expect(FEATURE_COUNT).toBe(46);
    expect(WEIGHTS_PER_STAGE).toBe(167_265);
    expect(SHAPE_OFFSETS).toEqual([
      0, 19683, 78732, 137781, 144342, 150903, 157464, 164025, 166212, 166941, 167184,
    ]);
    expect(30 * WEIGHTS_PER_STAGE).toBe(5_017_950);
  });

  it('keeps the flat tables in step with PATTERN_FEATURES', () => {
    expect(FEATURE_START[FEATURE_COUNT]).toBe(FEATURE_SQUARES.length);
    PATTERN_FEATURES.forEach((f, i) => {
      expect(f.feature).toBe(i);
      expect(FEATURE_SHAPE[i]).toBe(f.shape);
      expect(Array.from(FEATURE_SQUARES.subarray(FEATURE_START[i], FEATURE_START[i + 1]))).toEqual(
        f.squares,
      );
    });
  });

  it('lists per-square terms that rebuild every feature index', () => {
    const cells = Array.from({ length: 64 }, (_, s) => (s * 7 + 3) % 3);
    const indices = new Array<number>(46).fill(0);
    for (let s = 0; s < 64; s++) {
      for (let j = SQUARE_TERM_START[s]!; j < SQUARE_TERM_START[s + 1]!; j++) {
        indices[SQUARE_TERM_FEATURE[j]!]! += cells[s]! * SQUARE_TERM_POWER[j]!;
      }
    }
    expect(indices).toEqual(
      PATTERN_FEATURES.map((f) => f.squares.reduce((a, q) => a * 3 + cells[q]!, 0)),
    );
    expect(SQUARE_TERM_START[64]).toBe(FEATURE_SQUARES.length);
  });
});
