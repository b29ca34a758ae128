// Train a small model with the TrainingManager, then evaluate its newest checkpoint in a gauntlet
// against random, greedy and the WPC heuristic (both colours of the 60 standard openings).
//
//   pnpm exec tsx train-and-evaluate.ts [--games 20000] [--run-dir runs/example] [--small]
import { formatGauntlet, runGauntlet } from '@prismind/arena';
import { readCheckpointFile } from '@prismind/checkpoint';
import { createEngine, fromLoadedState, TrainingManager } from '@prismind/trainer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const small = process.argv.includes('--small');
const games = Number(arg('games') ?? (small ? 600 : 20_000));
const given = arg('run-dir');
const runDir = given ?? mkdtempSync(join(tmpdir(), 'prismind-example-'));

try {
  // backend 'auto': the Rust engine when its binary loads, else the TypeScript one
  const manager = new TrainingManager({ runDir, backend: 'auto', seed: 1, logEcho: false });
  manager.on('checkpoint', (e) => console.log(`checkpoint ${e.path} (${e.reason})`));
  const result = await manager.start({
    targetGames: games,
    checkpointInterval: Math.max(100, Math.floor(games / 4 / 100) * 100),
    search: { depth: 1 },
    epsilon: 0.1,
  });
  console.log(
    `trained ${result.gamesCompleted} games on ${result.backend} in ${result.totalSeconds.toFixed(1)} s ` +
      `(${result.gamesPerSecond.toFixed(0)} games/s); latest checkpoint ${result.latestCheckpoint}`,
  );

  // Load the checkpoint into a fresh engine, as a separate program would.
  const path = result.latestCheckpoint!;
  const { model } = fromLoadedState(await readCheckpointFile(path), path);
  const { engine, backend } = await createEngine({ backend: 'auto', stages: model.stages });
  engine.setState(model);
  try {
    const report = await runGauntlet({ engine, depth: 2, games: small ? 20 : 120, seed: 1 });
    console.log(formatGauntlet(report));
    console.log(`(evaluated on the ${backend} engine)`);
  } finally {
    await engine.dispose();
  }
} finally {
  if (given === undefined) rmSync(runDir, { recursive: true, force: true });
}
