#!/usr/bin/env node
/**
 * Save and load of a ~300 MB training state (3 Float32Array sections of 25M elements: weights,
 * Adam m, Adam v; 60% zeros, the rest small floats), uncompressed and compressed with each codec.
 * Every phase runs in its own process so its peak RSS is its own. Prints ONE JSON object.
 * Uses the built package (dist): `pnpm build` first (turbo's bench task does).
 *   node bench/save-load.bench.mjs            # the whole bench
 *   ELEMENTS=5000000 node bench/save-load.bench.mjs   # smaller, for a quick look
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { seeded } from '../../../tools/bench-games.mjs';
import { CheckpointManager } from '../dist/index.js';

const ELEMENTS = Number(process.env.ELEMENTS ?? 25_000_000);
const SECTIONS = ['weights', 'adamM', 'adamV'];
const BUDGET_SECONDS = 30;
const MB = 1024 * 1024;

/** Weights-like content, fast and seeded: 60% zeros, small floats elsewhere. */
function makeState() {
  const next = seeded(0x9e3779b9);
  const weights = new Float32Array(ELEMENTS);
  const adamM = new Float32Array(ELEMENTS);
  const adamV = new Float32Array(ELEMENTS);
  for (let i = 0; i < ELEMENTS; i++) {
    if (next() < 0.6) continue;
    const w = (next() - 0.5) * 0.2;
    weights[i] = w;
    adamM[i] = w * 0.01;
    adamV[i] = w * w * 1e-4;
  }
  return {
    gamesCompleted: 1_000_000,
    metadata: { bench: true, patternSet: 'bench', stages: 30, step: 1_000_000 },
    sections: { weights, adamM, adamV },
  };
}

/** A cheap fingerprint of the arrays, to prove the loaded state is the saved one. */
function fingerprint(sections) {
  let sum = 0;
  for (const name of SECTIONS) {
    const a = sections[name];
    for (let i = 0; i < a.length; i += 97) sum += a[i] * (i % 13);
  }
  return sum;
}

const rssMB = () => Math.round(process.memoryUsage().rss / MB);

/** Longest the event loop was blocked during `task`: what a trainer's pause or progress would wait. */
async function timed(task) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const value = await task();
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  return { value, seconds, maxBlockedMs: Math.round(delay.max / 1e6) };
}
const peakMB = () => Math.round((process.resourceUsage().maxRSS * 1024) / MB);

const PHASES = {
  async save({ dir, mode }) {
    const state = makeState();
    const manager = await CheckpointManager.open(dir, {
      compress: mode !== 'raw',
      codec: mode === 'raw' ? 'zlib' : mode,
    });
    const before = rssMB();
    const { value: result, maxBlockedMs } = await timed(() => manager.save(state));
    return {
      seconds: result.seconds,
      maxBlockedMs,
      bytes: result.bytes,
      rssBeforeMB: before,
      peakRssMB: peakMB(),
      fingerprint: fingerprint(state.sections),
    };
  },
  async load({ dir, mode }) {
    const manager = await CheckpointManager.open(dir, { codec: mode === 'raw' ? 'zlib' : mode });
    const before = rssMB();
    const { value, seconds, maxBlockedMs } = await timed(() => manager.loadLatest());
    const { state, path } = value;
    return {
      seconds,
      maxBlockedMs,
      path,
      rssBeforeMB: before,
      peakRssMB: peakMB(),
      fingerprint: fingerprint(state.sections),
    };
  },
  async verify({ dir, mode }) {
    const manager = await CheckpointManager.open(dir, { codec: mode === 'raw' ? 'zlib' : mode });
    const [entry] = await manager.list();
    const { value: check, seconds, maxBlockedMs } = await timed(() => manager.verify(entry.path));
    if (!check.ok) throw new Error(`verify failed: ${check.code}`);
    return { seconds, maxBlockedMs, peakRssMB: peakMB() };
  },
};

function runPhase(phase, dir, mode) {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [self, '--phase', phase, dir, mode], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 16 * MB,
  });
  if (child.status !== 0) throw new Error(`${phase} ${mode} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout);
}

const round = (x, digits = 3) => Number(x.toFixed(digits));

async function main() {
  const stateBytes = ELEMENTS * 4 * SECTIONS.length;
  const root = mkdtempSync(join(os.tmpdir(), 'prsm-bench-'));
  const out = {
    bench: '@prismind/checkpoint save/load',
    node: process.version,
    cpus: os.cpus().length,
    state: { sections: SECTIONS.length, elementsPerSection: ELEMENTS, bytes: stateBytes },
    saveBudgetSeconds: BUDGET_SECONDS,
  };
  try {
    for (const mode of ['raw', 'zlib', 'fflate']) {
      const dir = join(root, mode);
      const save = runPhase('save', dir, mode);
      const load = runPhase('load', dir, mode);
      const verify = runPhase('verify', dir, mode);
      if (load.fingerprint !== save.fingerprint) throw new Error(`${mode}: loaded state differs`);
      out[mode] = {
        compressed: mode !== 'raw',
        fileBytes: save.bytes,
        ratio: round(save.bytes / stateBytes),
        save: {
          seconds: round(save.seconds),
          MBps: round(stateBytes / MB / save.seconds, 1),
          maxEventLoopBlockedMs: save.maxBlockedMs,
          peakRssMB: save.peakRssMB,
          stateInMemoryRssMB: save.rssBeforeMB,
          overheadMB: save.peakRssMB - save.rssBeforeMB,
          underBudgetSeconds: round(BUDGET_SECONDS - save.seconds, 1),
          fractionOfBudget: round(save.seconds / BUDGET_SECONDS),
        },
        load: {
          seconds: round(load.seconds),
          MBps: round(stateBytes / MB / load.seconds, 1),
          maxEventLoopBlockedMs: load.maxBlockedMs,
          peakRssMB: load.peakRssMB,
          rssBeforeMB: load.rssBeforeMB,
          overheadMB: load.peakRssMB - load.rssBeforeMB - Math.round(stateBytes / MB),
        },
        verify: {
          seconds: round(verify.seconds),
          maxEventLoopBlockedMs: verify.maxBlockedMs,
          peakRssMB: verify.peakRssMB,
        },
      };
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  console.log(JSON.stringify(out, null, 2));
}

if (process.argv[2] === '--phase') {
  const [, , , phase, dir, mode] = process.argv;
  const result = await PHASES[phase]({ dir, mode });
  process.stdout.write(JSON.stringify(result));
} else {
  await main();
}
