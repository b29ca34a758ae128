import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { movesToTranscript, Position, WEIGHTS_PER_STAGE } from '@prismind/board';
import type { ModelState } from '@prismind/board/contracts';
import { writeCheckpointFile } from '@prismind/checkpoint';
import { CHECKPOINT_FORMAT } from '@prismind/trainer';
import { afterAll } from 'vitest';

/** Helpers for this package's tests (not exported). */

/** A model with all weights 0 and few stages, so tests stay small. */
export function smallState(stages = 2, games = 0): ModelState {
  const n = stages * WEIGHTS_PER_STAGE;
  return {
    patternSet: 'prismind-v3',
    stages,
    weights: new Float32Array(n),
    adamM: new Float32Array(n),
    adamV: new Float32Array(n),
    step: games,
    beta1Power: 0.9 ** games,
    beta2Power: 0.999 ** games,
    games,
  };
}

/** A copy whose arrays are its own. */
export function cloneState(s: ModelState): ModelState {
  return { ...s, weights: s.weights.slice(), adamM: s.adamM.slice(), adamV: s.adamV.slice() };
}

/**
 * A checkpoint in the trainer's layout (packages/trainer/src/manager/model-checkpoint.ts):
 * sections weights/adamM/adamV, metadata { format, version, model, run, monitors, training }.
 */
export async function writeTrainerCheckpoint(path: string, state: ModelState): Promise<void> {
  const { weights, adamM, adamV, ...model } = state;
  const settings = {
    targetGames: 1000,
    checkpointInterval: 100,
    callbackInterval: 10,
    search: { depth: 1, exactEmpties: 0 },
    epsilon: 0.1,
    lambda: 0.7,
    learningRate: 0.005,
  };
  await writeCheckpointFile(path, {
    gamesCompleted: state.games,
    metadata: {
      format: CHECKPOINT_FORMAT,
      version: 1,
      model,
      run: { runId: 'test', seed: 1, backend: 'js', settings },
      monitors: { convergence: null, errors: null },
      training: { elapsedMs: 0, weightResets: 0 },
    },
    sections: { weights, adamM, adamV },
  });
}

const tempDirs: string[] = [];

// Imported by test files only: each file removes the directories its tests made.
afterAll(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prismind-debug-'));
  tempDirs.push(dir);
  return dir;
}

/** A strict little RFC 4180 reader, independent of the writer under test. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with a line break');
  return rows;
}

/** A complete game from the start, deterministic: move i picks legal[(7 · i) mod count]. */
export function fullGame(): string {
  let p = Position.initial();
  const moves: number[] = [];
  for (let i = 0; !p.isGameOver(); i++) {
    if (p.mustPass()) p = p.pass();
    const legal = p.legalMoves();
    const m = legal[(7 * i) % legal.length]!;
    moves.push(m);
    p = p.play(m);
  }
  return movesToTranscript(moves);
}
