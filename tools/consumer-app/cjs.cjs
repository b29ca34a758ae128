// The CommonJS consumer of tools/consumer-smoke.mjs: every entry point through require(), a short
// native run, and its checkpoint round trip through the TypeScript engine.
const assert = require('node:assert/strict');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const entries = [
  '@prismind/arena',
  '@prismind/board',
  '@prismind/board/contracts',
  '@prismind/checkpoint',
  '@prismind/cli',
  '@prismind/debug',
  '@prismind/js-core',
  '@prismind/native-core',
  '@prismind/telemetry',
  '@prismind/trainer',
  '@prismind/trainer/run-dir',
];
for (const entry of entries) assert.ok(Object.keys(require(entry)).length > 0, entry);

const { PrismindError } = require('@prismind/board/contracts');
const { readCheckpointFile, CheckpointError } = require('@prismind/checkpoint');
const { createNativeEngine } = require('@prismind/native-core');
const { createEngine, fromLoadedState, TrainingManager } = require('@prismind/trainer');

async function main() {
  assert.ok(new CheckpointError('CKPT_CRC_MISMATCH', 'x') instanceof PrismindError);
  const runDir = mkdtempSync(join(tmpdir(), 'prismind-smoke-cjs-'));
  const manager = new TrainingManager({ runDir, backend: 'native', seed: 2, logEcho: false });
  const result = await manager.start({ targetGames: 200, checkpointInterval: 200 });
  assert.equal(result.backend, 'native');
  const path = result.latestCheckpoint;
  const { model } = fromLoadedState(await readCheckpointFile(path), path);
  const { engine } = await createEngine({ backend: 'js', stages: model.stages });
  engine.setState(model);
  assert.deepEqual(engine.getState(), model);
  await engine.dispose();
  const native = createNativeEngine({ stages: model.stages });
  native.setState(model);
  assert.deepEqual(native.getState().adamV, model.adamV);
  await native.dispose();
  console.log(`cjs: ok (${result.gamesCompleted} native games, checkpoint ${path})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
