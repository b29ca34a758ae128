// The ESM consumer of tools/consumer-smoke.mjs, run in a fresh project outside the workspace
// against the installed tarballs: trains with the native and the TypeScript engine, and loads each
// run's checkpoint into a fresh engine of the other backend.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Position } from '@prismind/board';
import { isPrismindError } from '@prismind/board/contracts';
import { readCheckpointFile } from '@prismind/checkpoint';
import { nativeVersion } from '@prismind/native-core';
import { createEngine, fromLoadedState, TrainingManager } from '@prismind/trainer';
import { readManifest } from '@prismind/trainer/run-dir';

const GAMES = 300;

async function train(backend) {
  const runDir = mkdtempSync(join(tmpdir(), `prismind-smoke-${backend}-`));
  const manager = new TrainingManager({ runDir, backend, seed: 1, logEcho: false });
  const result = await manager.start({ targetGames: GAMES, checkpointInterval: GAMES });
  assert.equal(result.backend, backend);
  assert.equal(result.gamesCompleted, GAMES);
  const manifest = await readManifest(runDir);
  assert.equal(manifest.backend.chosen, backend);
  const path = result.latestCheckpoint;
  const { model } = fromLoadedState(await readCheckpointFile(path), path);
  assert.equal(model.games, GAMES);
  console.log(`${backend}: ${GAMES} games, checkpoint ${path}`);
  return model;
}

/** A checkpoint trained on one backend, loaded into the other, evaluates the same. */
async function crossLoad(model, backend) {
  const { engine } = await createEngine({ backend, stages: model.stages });
  try {
    engine.setState(model);
    assert.deepEqual(engine.getState().weights, model.weights);
    const position = Position.initial().play('d3');
    return engine.evaluate(position.toCells(), position.player);
  } finally {
    await engine.dispose();
  }
}

assert.equal(typeof nativeVersion(), 'string');
const nativeModel = await train('native');
const jsModel = await train('js');
for (const model of [nativeModel, jsModel]) {
  const [native, js] = [await crossLoad(model, 'native'), await crossLoad(model, 'js')];
  assert.ok(Math.abs(native - js) < 1e-4, `native ${native} and js ${js} disagree`);
}
const bad = await createEngine({ backend: 'gpu' }).catch((error) => error);
assert.ok(isPrismindError(bad, 'INVALID_OPTIONS'), 'one PrismindError class across packages');
console.log('esm: ok');
