import { join, resolve } from 'node:path';
import { CheckpointError, type CheckpointErrorCode, errnoOf } from './errors';
import {
  type CompressionOptions,
  readCheckpointFile,
  readCheckpointHeader,
  resolveCompression,
  verifyCheckpointFile,
  type WriteResult,
  writeFailure,
} from './files';
import { type CheckpointFs, nodeFs } from './fs';
import { HEADER_SIZE } from './header';
import { removeStaleTempFiles, type StartupReport } from './hygiene';
import { checkpointFileName } from './names';
import { checkpointCandidates, type LatestCheckpoint, loadNewestCheckpoint } from './newest';
import type { CheckpointAcceptor, ReadOptions, VerifyResult } from './read';
import {
  checkRetentionPolicy,
  DEFAULT_RETENTION,
  planRetention,
  type RetentionCandidate,
  type RetentionPolicy,
} from './retention';
import { readError } from './source';
import { normalizeState } from './state';
import type { CheckpointLogger, CheckpointState, LoadedState } from './types';
import { writeAtomically } from './write';

export interface CheckpointManagerOptions extends CompressionOptions, ReadOptions {
  /** Keep the newest N checkpoints. Default 5. */
  keepLast?: number;
  /** Also keep every checkpoint whose games count is a multiple of K, forever. Default off. */
  keepEvery?: number;
  /** Prune after every successful save. Default true. */
  autoRetention?: boolean;
  /** pino-compatible; default: silent. */
  logger?: CheckpointLogger;
  /** File-system operations; default node:fs/promises. Tests inject failures here. */
  fs?: CheckpointFs;
}

export interface SaveResult extends WriteResult {
  gamesCompleted: number;
  compressed: boolean;
  /** 1, or 2 when the first attempt failed and the retry succeeded. */
  attempts: number;
  /** Checkpoints deleted by retention after this save. */
  pruned: string[];
}

/** One entry of list(), oldest first. */
export interface CheckpointInfo {
  path: string;
  fileName: string;
  gamesCompleted: number;
  /** From the header; null when the header cannot be read. */
  timestamp: number | null;
  bytes: number;
  compressed: boolean | null;
  /** Set when the header is unusable (the payload is not checked by list()). */
  problem?: { code: CheckpointErrorCode; message: string };
}

export interface RetentionResult {
  kept: string[];
  deleted: string[];
  failed: { path: string; errno: string }[];
}

const SILENT: CheckpointLogger = { info() {}, warn() {} };

/**
 * Checkpoints of one training run, in one directory (one writer at a time). Saves are atomic and
 * retried once; loads check everything before trusting a byte; retention prunes only after the new
 * checkpoint is durable. Operations that change the directory run one after another.
 */
export class CheckpointManager {
  readonly dir: string;
  private readonly fs: CheckpointFs;
  private readonly logger: CheckpointLogger;
  private readonly readOptions: ReadOptions;
  private readonly autoRetention: boolean;
  private retention: RetentionPolicy;
  private compression: Required<CompressionOptions>;
  private opening: Promise<StartupReport> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dir: string, options: CheckpointManagerOptions = {}) {
    this.dir = resolve(dir);
    this.fs = options.fs ?? nodeFs;
    this.logger = options.logger ?? SILENT;
    this.autoRetention = options.autoRetention ?? true;
    this.readOptions = {
      codec: options.codec,
      maxBytes: options.maxBytes,
      maxMetadataBytes: options.maxMetadataBytes,
    };
    this.retention = checkRetentionPolicy({
      keepLast: options.keepLast ?? DEFAULT_RETENTION.keepLast,
      keepEvery: options.keepEvery ?? DEFAULT_RETENTION.keepEvery,
    });
    this.compression = resolveCompression(options);
  }

  /** Creates the directory if needed and removes temp files of interrupted saves. */
  static async open(
    dir: string,
    options: CheckpointManagerOptions = {},
  ): Promise<CheckpointManager> {
    const manager = new CheckpointManager(dir, options);
    await manager.ready();
    return manager;
  }

  /** Startup hygiene, done once (every method awaits it); resolves to what it cleaned up. */
  ready(): Promise<StartupReport> {
    this.opening ??= this.openDirectory().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  /** Keep the newest `keepLast` checkpoints, and optionally every multiple of `keepEvery` games. */
  setRetention(keepLast: number, options: { keepEvery?: number } = {}): void {
    this.retention = checkRetentionPolicy({
      keepLast,
      keepEvery: options.keepEvery ?? this.retention.keepEvery,
    });
  }

  /** Turns payload compression on or off for the next saves; loads read either kind. */
  setCompression(on: boolean, options: Omit<CompressionOptions, 'compress'> = {}): void {
    this.compression = resolveCompression({ ...this.compression, ...options, compress: on });
  }

  /**
   * Writes `state` as `ckpt-<games>.prsm`, durably, then applies retention (unless turned off). A
   * failed attempt is logged and retried once; a second failure rejects with CKPT_WRITE_FAILED
   * (`details.errno`: ENOSPC, EACCES, EIO, ...) and leaves earlier checkpoints and no temp file.
   */
  save(state: CheckpointState): Promise<SaveResult> {
    return this.exclusive(async () => {
      await this.ready();
      const normalized = normalizeState(state, this.readOptions);
      const name = checkpointFileName(normalized.gamesCompleted);
      const path = join(this.dir, name);
      const encode = this.compression;
      const started = performance.now();
      let attempts = 0;
      let bytes = 0;
      for (;;) {
        attempts++;
        try {
          bytes = await writeAtomically(this.fs, path, normalized, encode);
          break;
        } catch (error) {
          if (attempts >= 2) throw writeFailure(error, path, attempts);
          const errno = errnoOf(error) ?? 'EUNKNOWN';
          this.logger.warn({ path, errno, err: error }, 'checkpoint save failed; retrying once');
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const gamesCompleted = normalized.gamesCompleted;
      this.logger.info({ path, bytes, seconds, gamesCompleted }, 'checkpoint saved');
      const pruned = this.autoRetention ? (await this.retain(name)).deleted : [];
      return {
        path,
        bytes,
        seconds,
        gamesCompleted,
        compressed: encode.compress,
        attempts,
        pruned,
      };
    });
  }

  /** Loads a checkpoint by file name (relative to the directory) or path. */
  async load(path: string): Promise<LoadedState> {
    await this.ready();
    return readCheckpointFile(resolve(this.dir, path), { ...this.readOptions, fs: this.fs });
  }

  /**
   * Loads the newest checkpoint that passes every check (and `accept`, when given), skipping (and
   * reporting) newer ones that do not. Rejects with CKPT_NOT_FOUND when none is usable
   * (`details.skipped` says why).
   */
  async loadLatest(options: { accept?: CheckpointAcceptor } = {}): Promise<LatestCheckpoint> {
    await this.ready();
    return loadNewestCheckpoint(this.dir, {
      ...this.readOptions,
      accept: options.accept,
      fs: this.fs,
      logger: this.logger,
    });
  }

  /** Every checkpoint file in the directory, oldest first, with what its header says. */
  async list(): Promise<CheckpointInfo[]> {
    await this.ready();
    const infos: CheckpointInfo[] = [];
    for (const candidate of await this.candidates()) {
      infos.push(await this.describe(candidate));
    }
    return infos;
  }

  /** Checks a checkpoint as load would; never throws. */
  async verify(path: string): Promise<VerifyResult> {
    await this.ready();
    return verifyCheckpointFile(resolve(this.dir, path), { ...this.readOptions, fs: this.fs });
  }

  /** Prunes by the retention policy, keeping at least one valid checkpoint. */
  applyRetention(): Promise<RetentionResult> {
    return this.exclusive(async () => {
      await this.ready();
      return this.retain(undefined);
    });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async openDirectory(): Promise<StartupReport> {
    try {
      await this.fs.mkdir(this.dir);
    } catch (error) {
      throw writeFailure(error, this.dir, 1);
    }
    try {
      return await removeStaleTempFiles(this.fs, this.dir, this.logger);
    } catch (error) {
      const errno = errnoOf(error);
      throw new CheckpointError('CKPT_READ_FAILED', `${this.dir}: cannot list (${errno})`, {
        cause: error,
        details: { path: this.dir, errno },
      });
    }
  }

  /** Checkpoint files by name, oldest first. */
  private candidates(): Promise<RetentionCandidate[]> {
    return checkpointCandidates(this.dir, { fs: this.fs });
  }

  private async describe(candidate: RetentionCandidate): Promise<CheckpointInfo> {
    const path = join(this.dir, candidate.name);
    const base = { path, fileName: candidate.name };
    try {
      const header = await readCheckpointHeader(path, { fs: this.fs });
      return {
        ...base,
        gamesCompleted: header.gamesCompleted,
        timestamp: header.timestamp,
        bytes: HEADER_SIZE + header.payloadLength,
        compressed: header.compressed,
      };
    } catch (error) {
      const problem = readError(error, path);
      const bytes = await this.fs.stat(path).then(
        (s) => s.size,
        () => 0,
      );
      return {
        ...base,
        gamesCompleted: candidate.gamesCompleted,
        timestamp: null,
        bytes,
        compressed: null,
        problem: { code: problem.code, message: problem.message },
      };
    }
  }

  /**
   * Deletes what the policy does not keep, after making sure a valid checkpoint stays: `justWritten`
   * is known good; otherwise the kept ones are verified newest first and, if none passes, the
   * newest valid one among the doomed is kept instead.
   */
  private async retain(justWritten: string | undefined): Promise<RetentionResult> {
    const protect = new Set(justWritten === undefined ? [] : [justWritten]);
    const { keep, remove } = planRetention(await this.candidates(), this.retention, protect);
    if (remove.length > 0 && justWritten === undefined && !(await this.anyValid(keep))) {
      for (const [index, candidate] of remove.entries()) {
        if (!(await this.anyValid([candidate]))) continue;
        keep.push(...remove.splice(index, 1));
        this.logger.warn(
          { path: join(this.dir, candidate.name) },
          'kept a checkpoint retention would delete: it is the only valid one',
        );
        break;
      }
    }
    const result: RetentionResult = { kept: [], deleted: [], failed: [] };
    result.kept = keep.map((c) => join(this.dir, c.name));
    for (const candidate of remove) {
      const path = join(this.dir, candidate.name);
      try {
        await this.fs.unlink(path);
        result.deleted.push(path);
      } catch (error) {
        const errno = errnoOf(error) ?? 'EUNKNOWN';
        if (errno === 'ENOENT') continue;
        result.failed.push({ path, errno });
        this.logger.warn({ path, errno, err: error }, 'retention could not delete a checkpoint');
      }
    }
    return result;
  }

  private async anyValid(candidates: readonly RetentionCandidate[]): Promise<boolean> {
    for (const candidate of candidates) {
      const check = await verifyCheckpointFile(join(this.dir, candidate.name), {
        ...this.readOptions,
        fs: this.fs,
      });
      if (check.ok) return true;
    }
    return false;
  }
}
