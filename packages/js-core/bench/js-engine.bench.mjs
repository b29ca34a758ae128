#!/usr/bin/env node
// Benchmark of the JS engine (built dist): prints ONE JSON object. Speed targets live here, not in
// tests. Figures are wall-clock on whatever else the machine is doing; compare runs on one machine.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { Position } from '@prismind/board';
import { randomGames as randomGamesFrom, seeded } from '../../../tools/bench-games.mjs';
import { createJsEngine } from '../dist/index.js';

const randomGames = (count, seed) => randomGamesFrom(Position.initial(), count, seed);

function randomize(engine, seed, scale) {
  const w = engine.getState().weights;
  const r = seeded(seed);
  for (let i = 0; i < w.length; i++) w[i] = (r() - 0.5) * 2 * scale;
}

const round = (x, digits = 0) => Number(x.toFixed(digits));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function evaluations(engine, positions) {
  const inputs = positions.map((p) => [p.toCells(), p.player]);
  let n = 0;
  let sum = 0;
  const start = performance.now();
  while (performance.now() - start < 1500) {
    for (const [cells, player] of inputs) sum += engine.evaluate(cells, player);
    n += inputs.length;
  }
  if (Number.isNaN(sum)) throw new Error('unreachable');
  return round(n / ((performance.now() - start) / 1000));
}

async function searchSpeed(engine, positions, limits) {
  let nodes = 0;
  let ms = 0;
  for (const p of positions) {
    const r = await engine.search(p.toCells(), p.player, limits);
    nodes += r.nodes;
    ms += r.timeMs;
  }
  return {
    ...limits,
    positions: positions.length,
    nodes,
    ms: round(ms),
    nodesPerSecond: round(nodes / (ms / 1000)),
  };
}

async function selfPlay(depth, threads, games) {
  const engine = createJsEngine();
  await engine.train({ games: threads * 2, threads, search: { depth } }); // start the workers
  const r = await engine.train({
    games,
    threads,
    seed: 7,
    search: { depth },
    progressEveryGames: 0,
  });
  await engine.dispose();
  return { depth, threads, games, gamesPerSecond: round(r.gamesCompleted / r.seconds, 1) };
}

async function stopLatency(depth) {
  const engine = createJsEngine();
  await engine.train({ games: 1, search: { depth } });
  const running = engine.train({ games: 1_000_000, search: { depth }, epsilon: 0 });
  await sleep(500);
  const asked = performance.now();
  engine.requestStop();
  await running;
  const ms = performance.now() - asked;
  await engine.dispose();
  return round(ms, 1);
}

/** Peak RSS of a process that only trains (one engine, 30 stages, 2 workers, depth 2). */
function trainingProcessRssMB() {
  const dist = new URL('../dist/index.js', import.meta.url).href;
  const code = `
    const { createJsEngine } = await import(${JSON.stringify(dist)});
    const engine = createJsEngine();
    await engine.train({ games: 600, threads: 2, search: { depth: 2 } });
    await engine.dispose();
    console.log(process.resourceUsage().maxRSS);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
  });
  return round(Number(out.trim()) / 1024, 1);
}

const { games, positions } = randomGames(400, 1);
const engine = createJsEngine();
randomize(engine, 3, 1);

const midgame = positions.filter((p) => p.discs() >= 20 && p.discs() <= 40);
const pick = (list, n) => list.filter((_, i) => i % Math.floor(list.length / n) === 0).slice(0, n);
const searchPositions = pick(midgame, 6);
const endgamePositions = pick(
  positions.filter((p) => 64 - p.discs() === 16),
  4,
);

const evaluatePerSecond = await evaluations(engine, pick(positions, 2000));
const search = [
  await searchSpeed(engine, searchPositions, { depth: 6 }),
  await searchSpeed(engine, searchPositions, { depth: 8 }),
  await searchSpeed(engine, endgamePositions, { depth: 1, exactEmpties: 16 }),
];

// learnFromGame = replay of a recorded game (features) + the TD(λ) gradient + lazy Adam.
const learnGames = games.slice(0, 400);
for (const moves of learnGames.slice(0, 50)) engine.learnFromGame(moves);
const learnStart = performance.now();
for (const moves of learnGames) engine.learnFromGame(moves);
const learnFromGameMicros = round(((performance.now() - learnStart) * 1000) / learnGames.length, 1);
await engine.dispose();

const selfplay = [
  await selfPlay(1, 1, 3000),
  await selfPlay(1, 2, 3000),
  await selfPlay(2, 1, 600),
  await selfPlay(2, 2, 600),
];
const stopSettleMs = { depth1: await stopLatency(1), depth9: await stopLatency(9) };

console.log(
  JSON.stringify({
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      loadavg1m: round(os.loadavg()[0], 2),
    },
    evaluatePerSecond,
    search,
    selfplay,
    tdUpdateMicrosPerGame: learnFromGameMicros,
    tdUpdateNote: 'learnFromGame: replay (incremental features) + gradient + lazy Adam, 30 stages',
    stopSettleMs,
    trainingProcessPeakRssMB: trainingProcessRssMB(),
    benchPeakRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
  }),
);
