// Benchmark of @prismind/native-core, run against the BUILT package (pnpm build first): everything
// goes through the napi binding, as a user's program would. Prints ONE JSON object: perft leaves/s
// (depth 9), evaluations/s (one call per position, and evaluateBatch), search nodes/s at a fixed
// depth, self-play training games/s at depths 1 and 2 on 1 and 2 threads, the TD(λ) update cost per
// game, and peak RSS. The machine may be shared: rates are medians of runs, with the best run.
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { Position } from '@prismind/board';
import { createNativeEngine, nativePerft, nativeVersion } from '@prismind/native-core';
import { randomGames as randomGamesFrom, seeded } from '../../../tools/bench-games.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (rates) => ({
  median: Math.round(median(rates)),
  best: Math.round(Math.max(...rates)),
});
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

/** Positions from seeded random games, and the games themselves as move lists. */
const randomGames = (count, seed) => randomGamesFrom(Position.initial(), count, seed);

/** A model with seeded random weights, so searches do not see a flat evaluation. */
function randomModel(engine) {
  const state = engine.getState();
  const random = seeded(42);
  for (let i = 0; i < state.weights.length; i++) state.weights[i] = random() - 0.5;
  engine.setState(state);
}

async function benchPerft(depth, runs) {
  await nativePerft(depth - 2); // warm-up
  const rates = [];
  let leaves = 0;
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    leaves = await nativePerft(depth);
    rates.push(leaves / seconds(t));
  }
  const { median: leavesPerSec, best: bestLeavesPerSec } = summary(rates);
  return { depth, leaves, runs, leavesPerSec, bestLeavesPerSec };
}

function benchEvaluate(engine, positions, runs) {
  const cells = positions.map((p) => p.toCells());
  const players = positions.map((p) => p.player);
  const batchCells = new Uint8Array(64 * positions.length);
  for (const [i, c] of cells.entries()) batchCells.set(c, 64 * i);
  const batchPlayers = Uint8Array.from(players);
  let sink = 0;
  const single = [];
  const batch = [];
  for (let r = 0; r < runs; r++) {
    let t = process.hrtime.bigint();
    for (let i = 0; i < cells.length; i++) sink += engine.evaluate(cells[i], players[i]);
    single.push(cells.length / seconds(t));
    t = process.hrtime.bigint();
    for (let k = 0; k < 10; k++) sink += engine.evaluateBatch(batchCells, batchPlayers)[0];
    batch.push((10 * cells.length) / seconds(t));
  }
  if (Number.isNaN(sink)) throw new Error('unreachable');
  const s = summary(single);
  const b = summary(batch);
  return {
    positions: cells.length,
    perSec: s.median,
    bestPerSec: s.best,
    batchPerSec: b.median,
    bestBatchPerSec: b.best,
  };
}

async function benchSearch(engine, positions, depth) {
  const sample = positions
    .filter((p) => p.discs() >= 14 && p.discs() <= 44)
    .filter((_, i) => i % 25 === 0);
  let nodes = 0;
  const t = process.hrtime.bigint();
  for (const p of sample) nodes += (await engine.search(p.toCells(), p.player, { depth })).nodes;
  const s = seconds(t);
  return {
    depth,
    positions: sample.length,
    nodes,
    seconds: +s.toFixed(3),
    nodesPerSec: Math.round(nodes / s),
  };
}

async function benchTraining(depth, threads, games) {
  const engine = createNativeEngine();
  await engine.train({ games: Math.max(2, games / 10), threads, seed: 1, search: { depth } }); // warm-up
  const result = await engine.train({ games, threads, seed: 2, search: { depth } });
  await engine.dispose();
  return {
    depth,
    threads,
    games: result.gamesCompleted,
    seconds: +result.seconds.toFixed(3),
    gamesPerSec: Math.round(result.gamesCompleted / result.seconds),
  };
}

/** Time under the learner's lock per game, from the raw binding's batch statistics. */
async function benchUpdateInBatch(games) {
  const binding = createRequire(import.meta.url)('../binding/index.cjs');
  const raw = new binding.NativeEngine(30, 8 << 20);
  const options = (seed) => ({
    games,
    threads: 1,
    seed,
    epsilon: 0.1,
    search: { depth: 1, exactEmpties: 0 },
    learning: { lambda: 0.7, learningRate: 0.005, beta1: 0.9, beta2: 0.999, adamEpsilon: 1e-8 },
    progressEveryGames: 0,
    recordEvery: 0,
  });
  await raw.train(options(4), null); // warm-up: the tables' pages are touched once
  const stats = await raw.train(options(5), null);
  raw.dispose();
  return +((stats.updateSeconds / stats.gamesCompleted) * 1e6).toFixed(1);
}

function benchLearnFromGame(games) {
  const engine = createNativeEngine();
  for (const g of games.slice(0, 20)) engine.learnFromGame(g); // warm-up
  const t = process.hrtime.bigint();
  for (const g of games) engine.learnFromGame(g);
  const us = (seconds(t) / games.length) * 1e6;
  engine.dispose();
  return +us.toFixed(1);
}

const { positions, games } = randomGames(400, 7);
const engine = createNativeEngine();
randomModel(engine);

const result = {
  version: nativeVersion(),
  machine: { node: process.version, cpus: cpus().length },
  perft: await benchPerft(9, 3),
  evaluate: benchEvaluate(engine, positions, 5),
  search: await benchSearch(engine, positions, 6),
  training: [
    await benchTraining(1, 1, 2000),
    await benchTraining(1, 2, 2000),
    await benchTraining(2, 1, 1000),
    await benchTraining(2, 2, 1000),
  ],
  tdUpdate: {
    // learnFromGame: validation, replay of the moves, the TD(λ) + Adam update, the binding call.
    learnFromGameUsPerGame: benchLearnFromGame(games),
    // The update alone, as a training batch applies it under its lock.
    updateUsPerGameInBatch: await benchUpdateInBatch(500),
  },
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
};
await engine.dispose();
console.log(JSON.stringify(result));
