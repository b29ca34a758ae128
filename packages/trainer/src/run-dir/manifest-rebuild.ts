import { isCheckpointError } from '@prismind/checkpoint';
import { renameSync } from 'node:fs';
import { TrainerError } from '../manager/errors';
import { machineInfo, manifestPath, type RunManifest, readManifest } from './manifest';
import { type LoadedModel, loadNewestModel } from './newest-checkpoint';

/** A run's manifest as found, or as rebuilt from its checkpoints when the file was damaged. */
export interface RunManifestRead {
  /** undefined: the directory has no manifest.json (and so is not a run). */
  manifest: RunManifest | undefined;
  /** Set when manifest.json was damaged and `manifest` was rebuilt: what happened, for a warning. */
  rebuilt: string | null;
}

/** What the newest valid checkpoint knows about its run, as a manifest (sessions are lost). */
export function manifestFromCheckpoint(loaded: LoadedModel): RunManifest {
  const { metadata, model } = loaded;
  const savedAt = new Date(loaded.timestamp).toISOString();
  const backend = metadata.run.backend;
  return {
    version: 1,
    runId: metadata.run.runId,
    createdAt: savedAt,
    seed: metadata.run.seed,
    stages: model.stages,
    patternSet: model.patternSet,
    config: { backend },
    settings: metadata.run.settings,
    packages: {},
    backend: { requested: backend, chosen: backend, reason: `rebuilt from ${loaded.path}` },
    machine: machineInfo(),
    games: model.games,
    startedAt: savedAt,
    endedAt: savedAt,
    outcome: 'interrupted',
    outcomeReason: `manifest.json was damaged; rebuilt from ${loaded.path}`,
    sessions: [],
  };
}

/**
 * The run's manifest. A damaged one (empty, not JSON, not a manifest) does not make an intact run
 * unusable: it is rebuilt from the newest valid checkpoint's metadata and `rebuilt` says so. With
 * `keepDamaged` (the trainer, under the run lock, before it writes a new manifest) the damaged file
 * is kept beside as manifest.json.damaged-<ms> for a post-mortem. Throws RUN_NOT_FOUND when the
 * manifest is damaged and no checkpoint loads either.
 */
export async function readOrRebuildManifest(
  runDir: string,
  options: { keepDamaged?: boolean } = {},
): Promise<RunManifestRead> {
  let damage: string;
  try {
    return { manifest: readManifest(runDir), rebuilt: null };
  } catch (error) {
    damage = (error as Error).message;
  }
  let loaded: LoadedModel;
  try {
    loaded = await loadNewestModel(runDir);
  } catch (error) {
    if (!isCheckpointError(error)) throw error;
    throw new TrainerError(
      'RUN_NOT_FOUND',
      `${manifestPath(runDir)} is damaged (${damage}) and no checkpoint can rebuild it: ${error.message}`,
      { cause: error, details: { runDir } },
    );
  }
  if (options.keepDamaged === true) {
    renameSync(manifestPath(runDir), `${manifestPath(runDir)}.damaged-${Date.now()}`);
  }
  return {
    manifest: manifestFromCheckpoint(loaded),
    rebuilt: `${manifestPath(runDir)} is damaged (${damage}); rebuilt from ${loaded.path} (${loaded.model.games} games); earlier sessions are not known`,
  };
}
