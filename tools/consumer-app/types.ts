// Type-checked by tools/consumer-smoke.mjs against the installed packages' own declarations, as
// types.ts (CommonJS under node16: the project's package.json has no "type") and as types.mts (ESM),
// under moduleResolution node16, bundler and node10 (types.ts only: node10 knows no .mts).
import { runGauntlet } from '@prismind/arena';
import { Position } from '@prismind/board';
import { type Engine, type ModelState, PrismindError } from '@prismind/board/contracts';
import { readCheckpointFile } from '@prismind/checkpoint';
import { createJsEngine } from '@prismind/js-core';
import { createNativeEngine, type NativeEngine } from '@prismind/native-core';
import { createEngine, type EngineSelection, TrainingManager } from '@prismind/trainer';
import { readRunStatus } from '@prismind/trainer/run-dir';

export async function smoke(runDir: string): Promise<number> {
  const selection: EngineSelection = await createEngine({ backend: 'auto', stages: 30 });
  const engine: Engine = selection.engine;
  const native: NativeEngine = createNativeEngine({ stages: 30 });
  const state: ModelState = native.getState();
  createJsEngine({ stages: 30 }).setState(state);
  const manager = new TrainingManager({ runDir, backend: 'js' });
  const result = await manager.start({ targetGames: 10 });
  await readCheckpointFile(result.latestCheckpoint ?? '');
  await readRunStatus(runDir);
  await runGauntlet({ engine, depth: 1, games: 2, seed: 1 });
  const error: PrismindError = new PrismindError('NATIVE_BINARY_MISSING', 'typed code');
  return engine.evaluate(Position.initial().toCells(), 1) + error.message.length;
}
