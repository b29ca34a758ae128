import { makeRunDirectory } from '../run-dir/make-directory';
import { PATTERN_SET_ID } from '@prismind/board/contracts';
import { CheckpointManager, type CheckpointLogger } from '@prismind/checkpoint';
import {
  componentLogger,
  type Logger,
  openRunTelemetry,
  type RunTelemetry,
} from '@prismind/telemetry';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { loadLatestCheckpoint, makeEngine } from './engine-lifecycle';
import { TrainerError } from './errors';
import type { TrainingEvents, TrainingProgressEvent, TypedEmitter } from './events';
import { removeStaleJsonTemps } from '../run-dir/atomic-json';
import { acquireRunLock, type RunLock } from '../run-dir/lock';
import { machineInfo, packageVersions, type RunManifest, writeManifest } from '../run-dir/manifest';
import { readOrRebuildManifest } from '../run-dir/manifest-rebuild';
import { runPaths } from '../run-dir/names';
import { currentProcess } from '../run-dir/process-identity';
import { describeSkipped } from '../run-dir/newest-checkpoint';
import type { RunStatus } from '../run-dir/status';
import type { ManagerConfig } from './options';
import { configForManifest, type ParsedStart, resolveSettings } from './options-parse';
import { TrainingSession } from './session';

/** Everything a manager holds while a run is open in this process. */
export interface OpenRun {
  runId: string;
  lock: RunLock;
  telemetry: RunTelemetry;
  log: Logger;
  checkpoints: CheckpointManager;
  manifest: RunManifest;
  session: TrainingSession;
  resumed: boolean;
}

/** The checkpoint manager's own lines: its saves at debug (the trainer logs them), warnings as is. */
function checkpointLogger(log: Logger): CheckpointLogger {
  const child = componentLogger(log, 'checkpoint');
  return {
    info: (obj, msg) => child.debug(obj, msg),
    warn: (obj, msg) => child.warn(obj, msg),
  };
}

function randomSeed(): number {
  return randomBytes(4).readUInt32LE(0);
}

/**
 * Opens a run directory for training: lock, telemetry, checkpoints (startup hygiene), the latest
 * usable checkpoint if any, the engine, and the manifest with a new session. Everything opened is
 * closed again if a later step fails.
 */
export async function openRun(
  config: ManagerConfig,
  runDir: string,
  start: ParsedStart,
  emitter: TypedEmitter<TrainingEvents>,
  onProgress: (event: TrainingProgressEvent) => void,
): Promise<OpenRun> {
  makeRunDirectory(runDir);
  const lock = acquireRunLock(runDir);
  const undo: (() => void | Promise<void>)[] = [() => lock.release()];
  try {
    removeStaleJsonTemps(runDir);
    const runId = basename(runDir);
    const paths = runPaths(runDir);
    const telemetry = openRunTelemetry(paths, {
      level: config.logLevel,
      echo: config.logEcho,
      tensorboard: config.tensorboard,
      base: { runId },
    });
    undo.push(() => telemetry.close());
    const log = componentLogger(telemetry.logger, 'trainer');
    const checkpoints = await CheckpointManager.open(paths.checkpoints, {
      keepLast: config.retention.keepLast,
      keepEvery: config.retention.keepEvery,
      compress: config.compression.compress,
      level: config.compression.level,
      codec: config.compression.codec,
      logger: checkpointLogger(log),
    });
    const { manifest: previous, rebuilt } = await readOrRebuildManifest(runDir, {
      keepDamaged: true,
    });
    if (rebuilt !== null) log.warn({ event: 'manifest_rebuilt' }, rebuilt);
    if (previous !== undefined && previous.stages !== config.stages) {
      throw new TrainerError(
        'RUN_MISMATCH',
        `${runDir} holds a ${previous.stages}-stage model, the options ask for ${config.stages}`,
        { details: { run: previous.stages, options: config.stages } },
      );
    }
    const restored = await loadLatestCheckpoint(checkpoints);
    if (restored !== undefined && restored.model.stages !== config.stages) {
      throw new TrainerError(
        'RUN_MISMATCH',
        `${restored.path} holds a ${restored.model.stages}-stage model, the options ask for ${config.stages}`,
        { details: { run: restored.model.stages, options: config.stages } },
      );
    }
    if (restored !== undefined) {
      for (const line of describeSkipped(restored.skipped)) {
        log.warn({ event: 'checkpoint_skipped' }, line);
      }
      emitter.emit('restored', {
        path: restored.path,
        games: restored.model.games,
        skipped: restored.skipped,
      });
    }
    const settings = resolveSettings(restored?.metadata.run.settings ?? previous?.settings, start);
    const runSeed = restored?.metadata.run.seed ?? previous?.seed;
    if (runSeed !== undefined && config.seed !== undefined && config.seed !== runSeed) {
      log.warn(
        { event: 'seed_kept', given: config.seed, seed: runSeed },
        `the run's seed ${runSeed} is kept (option seed ${config.seed} applies to new runs)`,
      );
    }
    const seed = runSeed ?? config.seed ?? randomSeed();
    const made = await makeEngine(config, log, 0);
    const deps = { config, runId, telemetry, log, checkpoints, emitter, onProgress };
    const session = new TrainingSession(deps, made, settings, seed, restored);
    undo.push(() => session.dispose());
    const manifest = newManifest(config, runId, previous, session);
    writeManifest(runDir, manifest);
    log.info(
      {
        event: 'run_opened',
        resumed: restored !== undefined,
        checkpoint: restored?.path ?? null,
        games: session.games,
        targetGames: settings.targetGames,
        seed,
        backend: made.backend,
        backendReason: made.reason,
        settings,
      },
      restored === undefined
        ? `new run ${runId}: ${settings.targetGames} games on ${made.backend}`
        : `continuing run ${runId} from ${session.games} games (${restored.path})`,
    );
    return {
      runId,
      lock,
      telemetry,
      log,
      checkpoints,
      manifest,
      session,
      resumed: restored !== undefined,
    };
  } catch (error) {
    for (const step of undo.reverse()) await step();
    throw error;
  }
}

function newManifest(
  config: ManagerConfig,
  runId: string,
  previous: RunManifest | undefined,
  session: TrainingSession,
): RunManifest {
  const now = new Date().toISOString();
  // a session still 'running' was cut short (killed); a paused one had saved before it went away
  const sessions = (previous?.sessions ?? []).map((s) =>
    s.outcome === 'running' ? { ...s, outcome: 'interrupted' as const } : s,
  );
  sessions.push({
    pid: process.pid,
    startedAt: now,
    endedAt: null,
    startGames: session.games,
    endGames: null,
    backend: session.backend,
    backendReason: session.backendReason,
    outcome: 'running',
  });
  return {
    version: 1,
    runId,
    createdAt: previous?.createdAt ?? now,
    seed: session.seed,
    stages: config.stages,
    patternSet: PATTERN_SET_ID,
    config: configForManifest(config),
    settings: session.settings,
    packages: packageVersions(session.backend === 'native'),
    backend: { requested: config.backend, chosen: session.backend, reason: session.backendReason },
    machine: machineInfo(),
    games: session.games,
    startedAt: previous?.startedAt ?? now,
    endedAt: null,
    outcome: 'running',
    sessions,
  };
}

/** The first status.json of an open run. */
export function initialStatus(run: OpenRun, config: ManagerConfig): RunStatus {
  const { session } = run;
  const now = Date.now();
  return {
    version: 1,
    runId: run.runId,
    state: 'idle',
    reason: null,
    pid: process.pid,
    pidStartTime: currentProcess().startTime,
    hostname: hostname(),
    backend: session.backend,
    games: session.games,
    targetGames: session.settings.targetGames,
    gamesPerSecond: null,
    elapsedSeconds: session.elapsedMs() / 1000,
    errors: { count: 0, rate: 0 },
    latestCheckpoint: session.lastCheckpoint,
    startedAt: new Date(now).toISOString(),
    heartbeat: new Date(now).toISOString(),
    heartbeatMs: now,
    heartbeatIntervalMs: config.statusIntervalMs,
    control: null,
  };
}
