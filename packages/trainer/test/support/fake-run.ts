import type { ModelState } from '@prismind/board/contracts';
import { join } from 'node:path';
import { loadNewestModel, type TrainingManagerOptions, TrainingManager } from '../../src/index';
import { fakeEngineFactory, type FakeEngineOptions } from './fake-engine';

/** A TrainingManager over the fake engine in `dir/name`, with the test's defaults then overrides. */
export function fakeRunManager(
  dir: string,
  name: string,
  defaults: { msPerGame: number; seed: number } & Partial<TrainingManagerOptions>,
  fake: FakeEngineOptions = {},
  options: Partial<TrainingManagerOptions> = {},
): { m: TrainingManager; factory: ReturnType<typeof fakeEngineFactory>; runDir: string } {
  const { msPerGame, ...managerDefaults } = defaults;
  const factory = fakeEngineFactory({ msPerGame, ...fake });
  const runDir = join(dir, name);
  const m = new TrainingManager({
    runDir,
    engineFactory: factory,
    stages: 1,
    logEcho: false,
    ...managerDefaults,
    ...options,
  });
  return { m, factory, runDir };
}

/** The model of the newest valid checkpoint of a run. */
export async function latestModel(runDir: string): Promise<ModelState> {
  return (await loadNewestModel(runDir)).model;
}
