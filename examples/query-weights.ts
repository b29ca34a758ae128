// Load a checkpoint and query its weights: where a flat offset lives (stage, pattern, index), the
// largest weights, the 46 features a position reads, and its evaluation.
//
//   pnpm exec tsx query-weights.ts [path/to/ckpt.prsm] [--small]
// Without a path it trains a tiny model first and reads that.
import { PATTERN_SHAPES, Position } from '@prismind/board';
import { readCheckpointFile } from '@prismind/checkpoint';
import { createJsEngine } from '@prismind/js-core';
import { fromLoadedState, locateWeight, TrainingManager } from '@prismind/trainer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const given = process.argv.slice(2).find((a) => !a.startsWith('--'));
const scratch = given === undefined ? mkdtempSync(join(tmpdir(), 'prismind-weights-')) : undefined;

try {
  let path = given;
  if (path === undefined) {
    const manager = new TrainingManager({
      runDir: scratch!,
      backend: 'auto',
      seed: 5,
      logEcho: false,
    });
    const games = process.argv.includes('--small') ? 200 : 2_000;
    path = (await manager.start({ targetGames: games })).latestCheckpoint!;
  }
  const { model, metadata } = fromLoadedState(await readCheckpointFile(path), path);
  console.log(
    `${path}: ${model.games} games, ${model.stages} stages, ${model.weights.length} weights, ` +
      `run ${metadata.run.runId} (seed ${metadata.run.seed}, trained on ${metadata.run.backend})`,
  );

  // The five largest weights and where they live.
  const top = [...model.weights.keys()]
    .sort((a, b) => Math.abs(model.weights[b]!) - Math.abs(model.weights[a]!))
    .slice(0, 5);
  for (const offset of top) {
    const where = locateWeight(offset);
    console.log(
      `  w[${offset}] = ${model.weights[offset]!.toFixed(3)}: stage ${where.stage}, ${where.pattern} index ${where.index}`,
    );
  }

  // An engine with the model: the same weight through getWeight, and a position's features.
  const engine = createJsEngine({ stages: model.stages });
  engine.setState(model);
  const first = locateWeight(top[0]!);
  const shape = PATTERN_SHAPES.findIndex((s) => s.name === first.pattern);
  console.log(
    `getWeight(${shape}, ${first.stage}, ${first.index}) = ${engine.getWeight(shape, first.stage, first.index).toFixed(3)}`,
  );
  const position = Position.initial().play('f5').play('d6');
  const features = engine.featureIndices(position.toCells());
  console.log(
    `after f5 d6: ${features.length} features, first indices ${[...features.slice(0, 6)].join(' ')}`,
  );
  console.log(
    `evaluation (black's view): ${engine.evaluate(position.toCells(), position.player).toFixed(3)} discs`,
  );
  await engine.dispose();
} finally {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
}
