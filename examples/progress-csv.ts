// A custom progress callback that writes its own CSV while a run trains: the simple callback
// (games, disc difference, black's win rate, seconds) and the richer 'progress' event.
//
//   pnpm exec tsx progress-csv.ts [--games 5000] [--out progress.csv] [--small]
import { TrainingManager } from '@prismind/trainer';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const games = Number(arg('games') ?? (process.argv.includes('--small') ? 400 : 5_000));
const runDir = mkdtempSync(join(tmpdir(), 'prismind-progress-'));
const out = arg('out') ?? join(runDir, 'progress.csv');

writeFileSync(
  out,
  'games,avg_disc_diff,black_win_rate,white_win_rate,draw_rate,games_per_second,elapsed_s\n',
);
let rates = { white: 0, draws: 0, speed: 0 };

try {
  const manager = new TrainingManager({
    runDir,
    backend: 'auto',
    seed: 7,
    logEcho: false,
    // no throttling: every progress report of the engine (several per batch) becomes a row
    progressIntervalMs: 0,
  });
  // The rich event carries everything; keep what the simple callback lacks.
  manager.on('progress', (e) => {
    rates = { white: e.whiteWinRate, draws: e.drawRate, speed: e.gamesPerSecond ?? 0 };
  });
  await manager.start({
    targetGames: games,
    callbackInterval: 100,
    onProgress: (done, stoneDiff, winRate, elapsedSeconds) => {
      const row = [done, stoneDiff, winRate, rates.white, rates.draws, rates.speed, elapsedSeconds];
      appendFileSync(out, `${row.map((x) => Number(x.toFixed(4))).join(',')}\n`);
    },
  });
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  console.log(`${lines.length - 1} rows in ${out}; the last:`);
  console.log(`${lines[0]}\n${lines.at(-1)}`);
  if (lines.length < 2) throw new Error('no progress rows were written');
} finally {
  // the run directory is scratch; a CSV asked for with --out lives elsewhere and stays
  rmSync(runDir, { recursive: true, force: true });
}
