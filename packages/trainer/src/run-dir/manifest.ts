import type { BackendChoice, BackendKind } from '@prismind/board/contracts';
import { createRequire } from 'node:module';
import { cpus, hostname, totalmem } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { ManagerConfig, TrainingManagerOptions, TrainingSettings } from '../manager/options';
import { readJsonFile, writeJsonAtomic } from './atomic-json';
import { MANIFEST_FILE } from './names';

/**
 * How a run (or one session of it) ended; 'running' while a process trains it, 'interrupted' for a
 * session whose process died without writing an end (SIGKILL, power loss).
 */
export type RunOutcome = 'running' | 'paused' | 'completed' | 'stopped' | 'failed' | 'interrupted';

/** One process's stretch of training. */
export interface RunSession {
  pid: number;
  startedAt: string;
  endedAt: string | null;
  startGames: number;
  endGames: number | null;
  backend: BackendKind;
  backendReason: string;
  outcome: RunOutcome;
  reason?: string | undefined;
}

export interface MachineInfo {
  cpuModel: string;
  cpuCount: number;
  totalMemoryBytes: number;
  platform: string;
  arch: string;
  node: string;
  hostname: string;
}

/** manifest.json: what the run is, where it ran and how it ended. */
export interface RunManifest {
  version: 1;
  runId: string;
  createdAt: string;
  seed: number;
  stages: number;
  patternSet: string;
  /** The TrainingManager options of the latest session (JSON-safe). */
  config: Record<string, unknown>;
  /** The training settings of the latest session. */
  settings: TrainingSettings;
  packages: Record<string, string>;
  backend: { requested: BackendChoice; chosen: BackendKind; reason: string };
  machine: MachineInfo;
  games: number;
  startedAt: string;
  endedAt: string | null;
  outcome: RunOutcome;
  outcomeReason?: string | undefined;
  sessions: RunSession[];
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cpuCount: cpuList.length,
    totalMemoryBytes: totalmem(),
    platform: process.platform,
    arch: process.arch,
    node: process.version,
    hostname: hostname(),
  };
}

const PACKAGES = [
  '@prismind/trainer',
  '@prismind/board',
  '@prismind/checkpoint',
  '@prismind/telemetry',
];
const NATIVE = '@prismind/native-core';

/**
 * Versions of the packages that made the run. native-core is listed only when its engine trains
 * the run ("not loaded" otherwise): being resolvable is not the same as being used.
 */
export function packageVersions(nativeLoaded: boolean): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of [...PACKAGES, NATIVE]) {
    if (name === NATIVE && !nativeLoaded) {
      versions[name] = 'not loaded';
      continue;
    }
    try {
      versions[name] = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      versions[name] = 'unknown';
    }
  }
  return versions;
}

export function manifestPath(runDir: string): string {
  return join(runDir, MANIFEST_FILE);
}

/**
 * The run's manifest, or undefined when the directory has none; throws when it is damaged (see
 * readOrRebuildManifest for a reader that rebuilds it from the checkpoints).
 */
export function readManifest(runDir: string): RunManifest | undefined {
  const value = readJsonFile(manifestPath(runDir));
  if (value === undefined) return undefined;
  const checked = manifestShape.safeParse(value);
  if (!checked.success) {
    const problems = checked.error.issues
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new Error(
      `${manifestPath(runDir)}: not a Prismind run manifest (version 1): ${problems}`,
    );
  }
  return value as RunManifest;
}

const count = z.number().int().min(0);
/**
 * What a manifest must hold for a run to be continued from it: the fields resume() and status
 * read, with their types. A manifest that fails it is damaged (and rebuilt from the checkpoints).
 */
const manifestShape = z.looseObject({
  version: z.literal(1),
  runId: z.string().min(1),
  seed: count.max(0xffff_ffff),
  stages: z.number().int().min(1).max(61),
  games: count,
  config: z.looseObject({}),
  settings: z.looseObject({
    targetGames: z.number().int().min(1),
    learningRate: z.number().gt(0),
  }),
  backend: z.looseObject({ requested: z.string(), chosen: z.string() }),
  outcome: z.string(),
  sessions: z.array(z.looseObject({ pid: z.number(), outcome: z.string() })),
});

/** Written durably (fsync) and atomically: a crash leaves the previous manifest. */
export function writeManifest(runDir: string, manifest: RunManifest): void {
  writeJsonAtomic(manifestPath(runDir), manifest, true);
}

/**
 * The options a run was trained with, from its manifest: what `TrainingManager.open()` starts from.
 * Per-process choices (signals, console echo, an engine factory) are not carried over.
 */
export function optionsFromManifest(manifest: RunManifest): Partial<TrainingManagerOptions> {
  const c = manifest.config as Partial<ManagerConfig>;
  return {
    backend: c.backend,
    threads: c.threads,
    seed: manifest.seed,
    stages: manifest.stages,
    logLevel: c.logLevel,
    compression:
      c.compression?.compress === true
        ? { level: c.compression.level, codec: c.compression.codec }
        : false,
    retention: c.retention,
    errorThreshold: c.errorThreshold,
    errorWindowGames: c.errorWindowGames,
    errorAction: c.errorAction,
    watchdog: c.watchdog,
    statusIntervalMs: c.statusIntervalMs,
    controlPollMs: c.controlPollMs,
    progressIntervalMs: c.progressIntervalMs,
    tensorboard: c.tensorboard,
    memoryBudgetBytes: c.memoryBudgetBytes,
    storeGamesEvery: c.storeGamesEvery,
    storedGamesBytes: c.storedGamesBytes,
  };
}

/** Writes where the run stands into its manifest and current session (atomically, fsync). */
export function recordOutcome(
  runDir: string,
  manifest: RunManifest,
  now: {
    outcome: RunOutcome;
    reason?: string | undefined;
    ended: boolean;
    games: number;
    settings: TrainingSettings;
  },
): void {
  const at = new Date().toISOString();
  const current = manifest.sessions[manifest.sessions.length - 1]!;
  Object.assign(current, { outcome: now.outcome, reason: now.reason, endGames: now.games });
  if (now.ended) current.endedAt = at;
  Object.assign(manifest, {
    outcome: now.outcome,
    outcomeReason: now.reason,
    games: now.games,
    settings: now.settings,
    endedAt: now.ended ? at : null,
  });
  writeManifest(runDir, manifest);
}
