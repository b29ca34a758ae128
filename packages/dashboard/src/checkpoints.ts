import type { BackendChoice, BackendKind, Engine } from '@prismind/board/contracts';
import { isCheckpointError, parseCheckpointFileName } from '@prismind/checkpoint';
import { createEngine } from '@prismind/trainer';
import { checkpointFolder, loadModelFrom } from '@prismind/trainer/run-dir';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardError } from './errors';

/** A checkpoint file of the run, as the page lists it. */
export interface CheckpointEntry {
  /** The file name in the run's checkpoints folder (ckpt-<games>.prsm, best.prsm). */
  name: string;
  /** Games from the name; null for a name without them (best.prsm). */
  games: number | null;
  bytes: number;
  modifiedMs: number;
}

/** What a request names: a file of the list, or "latest" (the newest that loads). */
export const LATEST = 'latest';

/** The run's .prsm files, newest by games first (best.prsm and other names last). */
export function listCheckpoints(runDir: string): CheckpointEntry[] {
  const folder = checkpointFolder(runDir);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.prsm'));
  } catch {
    return [];
  }
  const entries: CheckpointEntry[] = [];
  for (const name of names) {
    try {
      const s = statSync(join(folder, name));
      if (!s.isFile()) continue;
      const games = parseCheckpointFileName(name) ?? null;
      entries.push({ name, games, bytes: s.size, modifiedMs: s.mtimeMs });
    } catch {
      // removed by retention between readdir and stat
    }
  }
  return entries.sort((a, b) => (b.games ?? -1) - (a.games ?? -1));
}

/** A checkpoint's model in an engine that evaluates and searches with it. */
export interface LoadedCheckpoint {
  name: string;
  path: string;
  games: number;
  engine: Engine;
  /** The engine's backend (the two evaluate alike; native searches faster). */
  backend: BackendKind;
}

/**
 * Loads checkpoints on demand and keeps the last few in engines (a model is ~20 MB). "latest"
 * resolves to the newest that loads at the time of the request. A name that is not one of the
 * run's files is NOT_FOUND (no path goes from a request to the disk unchecked); a file that does
 * not load is BAD_CHECKPOINT with the checkpoint's code. Engines come from `backend` ('auto':
 * native when its binary loads, else the TypeScript engine).
 */
export class ModelCache {
  private readonly loaded = new Map<string, Promise<LoadedCheckpoint>>();

  constructor(
    private readonly runDir: string,
    private readonly backend: BackendChoice = 'auto',
    private readonly keep = 2,
  ) {}

  get(name: string): Promise<LoadedCheckpoint> {
    const path = this.resolve(name);
    const key = `${path}:${name === LATEST ? this.newestName() : name}`;
    let found = this.loaded.get(key);
    if (found === undefined) {
      found = this.load(name, path);
      this.loaded.set(key, found);
      found.catch(() => this.loaded.delete(key));
      this.evict();
    }
    return found;
  }

  private newestName(): string {
    return listCheckpoints(this.runDir).find((c) => c.games !== null)?.name ?? '';
  }

  private resolve(name: string): string {
    if (name === LATEST) return this.runDir;
    if (!listCheckpoints(this.runDir).some((c) => c.name === name)) {
      throw new DashboardError('DASHBOARD_NOT_FOUND', `no checkpoint "${name}" in this run`, {
        details: { name },
      });
    }
    return join(checkpointFolder(this.runDir), name);
  }

  private async load(name: string, path: string): Promise<LoadedCheckpoint> {
    let loaded: Awaited<ReturnType<typeof loadModelFrom>>;
    try {
      loaded = await loadModelFrom(path);
    } catch (error) {
      throw checkpointProblem(name, error);
    }
    const { engine, backend } = await createEngine({
      backend: this.backend,
      stages: loaded.model.stages,
    });
    engine.setState(loaded.model);
    const file = loaded.path.split(/[\\/]/).pop() ?? loaded.path;
    return { name: file, path: loaded.path, games: loaded.model.games, engine, backend };
  }

  private evict(): void {
    while (this.loaded.size > this.keep) {
      const [key, oldest] = this.loaded.entries().next().value as [
        string,
        Promise<LoadedCheckpoint>,
      ];
      this.loaded.delete(key);
      oldest.then((c) => c.engine.dispose()).catch(() => {});
    }
  }

  async dispose(): Promise<void> {
    const all = [...this.loaded.values()];
    this.loaded.clear();
    await Promise.all(all.map((p) => p.then((c) => c.engine.dispose()).catch(() => {})));
  }
}

function checkpointProblem(name: string, error: unknown): DashboardError {
  if (isCheckpointError(error, 'CKPT_NOT_FOUND')) {
    return new DashboardError(
      'DASHBOARD_NO_CHECKPOINT',
      `the run has no checkpoint that loads yet: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const code = (error as { code?: unknown }).code;
  return new DashboardError(
    'DASHBOARD_BAD_CHECKPOINT',
    `checkpoint ${name} does not load (${typeof code === 'string' ? code : 'error'}): ${(error as Error).message}`,
    { cause: error, details: { name, checkpointCode: code } },
  );
}
