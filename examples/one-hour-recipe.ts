// The one-hour recipe (docs/strength.md): the default settings (10 stages, ε 0.3, λ 0.7, depth 1)
// on both cores, with the learning rate's decay (0.005 -> 0.0005) spread over the whole budget
// instead of the first million games. The run measures its own strength every 3 minutes (League
// score against the standard WPC, solved-endgame error) and keeps the strongest model as
// checkpoints/best.prsm (by the League score when it is clearly higher, else by the endgame error);
// this script prints each measurement and the best at the end.
//
//   pnpm exec tsx one-hour-recipe.ts [--games 40000000] [--threads 2] [--run-dir runs/hour] [--small]
//
// 40,000,000 games is a little under an hour of native training on two threads of this project's
// 2-core machine (docs/strength.md: 39.0 M games in 60 minutes with 100-game batches, 12,900 games/s
// since batches hold 1,000 games); scale --games to your machine.
import { TrainingManager } from '@prismind/trainer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const small = process.argv.includes('--small');
const games = Number(arg('games') ?? (small ? 3_000 : 40_000_000));
const threads = Number(arg('threads') ?? 2);
const given = arg('run-dir');
const runDir = given ?? mkdtempSync(join(tmpdir(), 'prismind-recipe-'));

try {
  const manager = new TrainingManager({
    runDir,
    backend: 'auto',
    threads,
    seed: 1,
    logEcho: false,
    // --small: measure after every 1,000 games with a short League, so CI sees the recipe's output
    strength: small ? { everyGames: 1_000, leagueGames: 200, endgamePositions: 50 } : {},
  });
  // The run's best: a League score clearly above the best so far, or a level one with a smaller
  // endgame error (past ~0.94 the League's differences are noise; docs/strength.md, round 8).
  let best = { games: 0, score: -1, mae: Number.NaN };
  manager.on('strength', (s) => {
    if (s.best) best = { games: s.games, score: s.league.score, mae: s.endgame.mae };
    console.log(
      `${s.games} games: League ${s.league.score.toFixed(3)} [${s.league.low.toFixed(3)}, ` +
        `${s.league.high.toFixed(3)}], endgame error ${s.endgame.mae.toFixed(1)} discs` +
        (s.best ? ' (best so far)' : ''),
    );
  });
  const result = await manager.start({ targetGames: games, learningRateDecayGames: games });
  console.log(
    `${result.outcome}: ${result.gamesCompleted} games on ${result.backend} in ` +
      `${(result.totalSeconds / 60).toFixed(1)} min (${result.gamesPerSecond.toFixed(0)} games/s); ` +
      `best model at ${best.games} games: League ${best.score.toFixed(3)}, endgame error ` +
      `${best.mae.toFixed(1)} discs (checkpoints/best.prsm)`,
  );
} finally {
  if (given === undefined) rmSync(runDir, { recursive: true, force: true });
}
