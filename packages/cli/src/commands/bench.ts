import type { BackendKind, Engine } from '@prismind/board/contracts';
import { readCheckpointFile, writeCheckpointFile } from '@prismind/checkpoint';
import { standardOpenings } from '@prismind/arena';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { badArgument, EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { selectEngine } from '../model';

export interface BenchArgs {
  /** js, native, or all (default: every backend that loads). */
  backend?: string | undefined;
  /** Self-play games per backend. Default 2,000 native, 300 js (quick: 400 / 60). */
  games?: number | undefined;
  threads?: number | undefined;
  /** Search depth for the search benchmark. Default 8 (quick: 4). */
  searchDepth?: number | undefined;
  /** Smaller sizes: a smoke test in seconds. */
  quick?: boolean | undefined;
  /** Also time a checkpoint save and load of the whole model. Default true. */
  checkpoint?: boolean | undefined;
}

interface BackendBench {
  backend: BackendKind;
  reason: string;
  selfPlay: { games: number; threads: number; depth: 1; seconds: number; gamesPerSecond: number };
  search: {
    positions: number;
    depth: number;
    nodes: number;
    seconds: number;
    nodesPerSecond: number;
  };
  evaluate: { calls: number; seconds: number; perSecond: number };
  checkpoint?: { bytes: number; saveSeconds: number; loadSeconds: number } | undefined;
}

/** What the numbers were measured on. */
export function machineInfo(): { node: string; cpus: number; platform: string; arch: string } {
  return {
    node: process.version,
    cpus: cpus().length,
    platform: process.platform,
    arch: process.arch,
  };
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

async function benchEngine(
  engine: Engine,
  args: BenchArgs,
  games: number,
): Promise<Omit<BackendBench, 'backend' | 'reason'>> {
  const threads = args.threads ?? 1;
  let t = performance.now();
  await engine.train({ games, threads, seed: 1, epsilon: 0.1, search: { depth: 1 } });
  const trainSeconds = (performance.now() - t) / 1000;

  const depth = args.searchDepth ?? (args.quick ? 4 : 8);
  const positions = standardOpenings({ count: args.quick ? 4 : 20 }).map((o) => o.position);
  let nodes = 0;
  t = performance.now();
  for (const p of positions) {
    nodes += (await engine.search(p.toCells(), p.player, { depth })).nodes;
  }
  const searchSeconds = (performance.now() - t) / 1000;

  const cells = positions.map((p) => ({ cells: p.toCells(), player: p.player }));
  const calls = args.quick ? 20_000 : 200_000;
  t = performance.now();
  let sink = 0;
  for (let i = 0; i < calls; i++) {
    const c = cells[i % cells.length]!;
    sink += engine.evaluate(c.cells, c.player);
  }
  const evalSeconds = (performance.now() - t) / 1000;
  if (Number.isNaN(sink)) throw new Error('evaluation returned NaN');
  return {
    selfPlay: {
      games,
      threads,
      depth: 1,
      seconds: round(trainSeconds),
      gamesPerSecond: round(games / trainSeconds, 1),
    },
    search: {
      positions: positions.length,
      depth,
      nodes,
      seconds: round(searchSeconds),
      nodesPerSecond: Math.round(nodes / searchSeconds),
    },
    evaluate: { calls, seconds: round(evalSeconds), perSecond: Math.round(calls / evalSeconds) },
  };
}

async function benchCheckpoint(engine: Engine): Promise<BackendBench['checkpoint']> {
  const dir = mkdtempSync(join(tmpdir(), 'prismind-bench-'));
  try {
    const state = engine.getState();
    const path = join(dir, 'bench.prsm');
    let t = performance.now();
    const written = await writeCheckpointFile(path, {
      gamesCompleted: state.games,
      metadata: { bench: true },
      sections: { weights: state.weights, adamM: state.adamM, adamV: state.adamV },
    });
    const saveSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await readCheckpointFile(path);
    const loadSeconds = (performance.now() - t) / 1000;
    return {
      bytes: written.bytes,
      saveSeconds: round(saveSeconds),
      loadSeconds: round(loadSeconds),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `prismind-cli bench`: times self-play training, search and evaluation on each backend (and a
 * checkpoint round trip) through the installed packages, and prints one JSON object.
 */
export async function benchCommand(args: BenchArgs, io: CliIO): Promise<number> {
  const which = args.backend ?? 'all';
  if (!['all', 'js', 'native'].includes(which)) {
    throw badArgument('--backend', `"${which}": expected js, native or all`);
  }
  const wanted: ('js' | 'native')[] =
    which === 'all' ? ['native', 'js'] : [which as 'js' | 'native'];
  const results: Record<string, unknown> = { machine: machineInfo() };
  let checkpointDone = args.checkpoint === false;
  for (const backend of wanted) {
    let selection: Awaited<ReturnType<typeof selectEngine>>;
    try {
      selection = await selectEngine(backend);
    } catch (error) {
      if (which !== 'all') throw error;
      results[backend] = { skipped: (error as Error).message };
      continue;
    }
    const { engine } = selection;
    try {
      const games =
        args.games ?? (backend === 'native' ? (args.quick ? 400 : 2_000) : args.quick ? 60 : 300);
      const bench: BackendBench = {
        backend: selection.backend,
        reason: selection.reason,
        ...(await benchEngine(engine, args, games)),
      };
      if (!checkpointDone) {
        bench.checkpoint = await benchCheckpoint(engine);
        checkpointDone = true;
      }
      results[backend] = bench;
    } finally {
      await engine.dispose();
    }
  }
  println(io.stdout, JSON.stringify(results, null, 2));
  return EXIT.OK;
}
