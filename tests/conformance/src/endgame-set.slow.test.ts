import { readFileSync } from 'node:fs';
import { nameToSquare, parseObf, type Position } from '@prismind/board';
import type { Engine } from '@prismind/board/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackendPair, createBackends, disposeBackends } from './support';

/**
 * The endgame accuracy set's labels (packages/arena/data/endgame-set.txt, made by the Rust solver)
 * recomputed by the TypeScript engine on a fixed sample of its smallest positions: an independent
 * computation of the same scores and best-move sets.
 */
const SET_FILE = new URL('../../../packages/arena/data/endgame-set.txt', import.meta.url);
const SAMPLE_EMPTIES = [14, 15, 16];
const SAMPLE_PER_EMPTIES = 5;
const EXACT = { depth: 60, exactEmpties: 60 };

interface Labelled {
  position: Position;
  score: number;
  bestMoves: number[];
}

/** `<64 squares> <X|O> <score> <best moves a1..h8, comma-separated>`. */
function parseLine(line: string): Labelled {
  const [board = '', side = '', score = '', moves = ''] = line.split(' ');
  return {
    position: parseObf(`${board} ${side}`),
    score: Number(score),
    bestMoves: moves.split(',').map(nameToSquare),
  };
}

/** Evenly spaced lines of each sampled number of empties. */
function sampleOf(set: Labelled[]): Labelled[] {
  return SAMPLE_EMPTIES.flatMap((empties) => {
    const block = set.filter((l) => 64 - l.position.discs() === empties);
    return Array.from(
      { length: SAMPLE_PER_EMPTIES },
      (_, i) => block[Math.floor((i * block.length) / SAMPLE_PER_EMPTIES)]!,
    );
  });
}

/** The exact score and every move reaching it: each child solved exactly. */
async function exactLabels(
  engine: Engine,
  position: Position,
): Promise<Omit<Labelled, 'position'>> {
  const values: { move: number; value: number }[] = [];
  for (const move of position.legalMoves()) {
    const child = position.play(move);
    const result = await engine.search(child.toCells(), child.player, EXACT);
    values.push({ move, value: -result.score });
  }
  const score = Math.max(...values.map((v) => v.value));
  return { score, bestMoves: values.filter((v) => v.value === score).map((v) => v.move) };
}

describe('the TypeScript solver on the endgame accuracy set', () => {
  let pair: BackendPair;
  const set = readFileSync(SET_FILE, 'utf8').trim().split('\n').map(parseLine);

  beforeAll(() => {
    pair = createBackends();
  });
  afterAll(() => disposeBackends(pair));

  it('recomputes the score and best moves of a sample of 14-16 empties', async () => {
    const sample = sampleOf(set);
    expect(sample).toHaveLength(SAMPLE_EMPTIES.length * SAMPLE_PER_EMPTIES);
    for (const labelled of sample) {
      const found = await exactLabels(pair.js, labelled.position);
      const where = labelled.position.toObf();
      expect(found.score, where).toBe(labelled.score);
      expect(found.bestMoves, where).toEqual(labelled.bestMoves);
    }
  }, 120_000);
});
