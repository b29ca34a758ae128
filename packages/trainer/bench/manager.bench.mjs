#!/usr/bin/env node
// Benchmark of the TrainingManager (built dist): prints ONE JSON object. Figures are wall-clock
// on whatever else the machine is doing; compare runs on one machine.
//   - training games/s at the manager's defaults (30 stages, 1 thread, depth 1, epsilon 0.1), js
//     and native (when its binary loads), checkpoint and telemetry included;
//   - pause latency: pause() to "no game is being played" (the acknowledgement), and pause() to
//     its promise (the pause checkpoint durable), medians over several pauses;
//   - peak resident memory of this whole process (every run above, 30-stage models).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { createEngine, TrainingManager } from '../dist/index.js';

const GAMES = { js: 10_000, native: 20_000 };
const PAUSES = 7;
const BUDGET_MB = 600;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.floor(s.length / 2)];
};
const round = (x, digits = 1) => (x === null ? null : Number(x.toFixed(digits)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withRunDir(task) {
  const dir = await mkdtemp(join(os.tmpdir(), 'prismind-manager-bench-'));
  try {
    return await task(join(dir, 'run'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function throughput(backend) {
  return withRunDir(async (runDir) => {
    const manager = new TrainingManager({ runDir, backend, seed: 1, logEcho: false });
    const result = await manager.start({ targetGames: GAMES[backend] });
    return {
      games: result.gamesCompleted,
      seconds: round(result.totalSeconds, 2),
      gamesPerSecond: round(result.gamesPerSecond),
      finalDiscDiff: round(result.finalDiscDiff, 2),
    };
  });
}

async function pauseLatency(backend) {
  return withRunDir(async (runDir) => {
    const manager = new TrainingManager({ runDir, backend, seed: 2, logEcho: false });
    const acks = [];
    let played = 0;
    manager.on('pause-acknowledged', (e) => {
      if (e.command === 'pause') acks.push(e.latencyMs);
    });
    manager.on('progress', (e) => {
      played = e.games;
    });
    const run = manager.start({ targetGames: 1_000_000, checkpointInterval: 1_000_000 });
    while (played === 0) await sleep(20); // the engine's workers are up
    const saved = [];
    for (let i = 0; i < PAUSES; i++) {
      await sleep(200 + 50 * i);
      const started = performance.now();
      await manager.pause();
      saved.push(performance.now() - started);
      await manager.resume();
    }
    await manager.stop();
    await run;
    return {
      pauses: PAUSES,
      ackMedianMs: round(median(acks), 2),
      ackMaxMs: round(Math.max(...acks), 2),
      pausedWithCheckpointMedianMs: round(median(saved)),
    };
  });
}

const probe = await createEngine({ backend: 'auto', stages: 1 });
await probe.engine.dispose();
const native = probe.backend === 'native';

const result = {
  machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model.trim() },
  settings: { stages: 30, threads: 1, depth: 1, epsilon: 0.1, checkpointInterval: 10_000 },
  trainingJs: await throughput('js'),
  trainingNative: native ? await throughput('native') : { skipped: probe.nativeError },
  pauseLatencyJs: await pauseLatency('js'),
  pauseLatencyNative: native ? await pauseLatency('native') : { skipped: probe.nativeError },
};
const peakRssMB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
result.memory = {
  peakRssMB: round(peakRssMB),
  budgetMB: BUDGET_MB,
  underBudget: peakRssMB < BUDGET_MB,
};
console.log(JSON.stringify(result, null, 2));
