// A real training run in its own process, for the end-to-end test: the dashboard follows it
// through the run directory only, as it would a run started by `prismind-cli train`.
//   node test/train-run.mjs <runDir>
import { TrainingManager } from '@prismind/trainer';

const runDir = process.argv[2];
if (!runDir) throw new Error('usage: node test/train-run.mjs <runDir>');
const manager = new TrainingManager({
  runDir,
  backend: 'js',
  seed: 11,
  logEcho: false,
  logLevel: 'warn',
  tensorboard: false,
  // small and frequent, so the League and endgame charts have points within seconds
  strength: { everyGames: 1_000, everyMinutes: 0, leagueGames: 200, endgamePositions: 100 },
  storeGamesEvery: 25,
  handleSignals: true,
  statusIntervalMs: 250,
});
const result = await manager.start({
  targetGames: 10_000_000,
  callbackInterval: 50,
  checkpointInterval: 1_000,
});
console.log(JSON.stringify({ outcome: result.outcome, games: result.gamesCompleted }));
