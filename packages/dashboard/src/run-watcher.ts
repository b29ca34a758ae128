import {
  inspectRunStatus,
  PollTimer,
  type RunStatusReport,
  runPaths,
} from '@prismind/trainer/run-dir';
import { hostname } from 'node:os';
import { basename, resolve } from 'node:path';
import { type CheckpointEntry, listCheckpoints } from './checkpoints';
import { JsonLinesReader } from './metrics-reader';
import { residentBytes } from './process-memory';
import { RunSeries, type SeriesName, type TrainerMemory } from './run-series';
import type { SeriesData } from './series';

/** What the page shows of the run now. */
export interface RunSnapshot {
  runDir: string;
  runId: string;
  /** status.json as read (null when absent or damaged; see statusProblem). */
  status: RunStatusReport | null;
  statusProblem: string | null;
  /** The trainer's memory: from its process when it runs on this machine, else its metrics. */
  memory: TrainerMemory | null;
  checkpoints: CheckpointEntry[];
}

export interface RunWatcherOptions {
  /** How often status.json, metrics.jsonl and the checkpoints are looked at. Default 250 ms. */
  pollMs?: number | undefined;
  /** Series are pushed at most this often. Default 1000 ms. */
  seriesEveryMs?: number | undefined;
  /** Buckets per series. */
  seriesCapacity?: number | undefined;
}

type Listener = (kind: 'state' | 'series') => void;

/**
 * Follows a run directory, whichever process trains it, by polling: status.json (replaced by
 * rename, so polled rather than watched), metrics.jsonl (appended; read incrementally into bounded
 * series) and the checkpoints folder. Listeners hear 'state' when the snapshot changed and
 * 'series' when new metrics came in (throttled).
 */
export class RunWatcher {
  readonly runDir: string;
  readonly series: RunSeries;
  private snapshotValue: RunSnapshot;
  private stateKey = '';
  private readonly metrics: JsonLinesReader;
  private readonly listeners = new Set<Listener>();
  private readonly timer: PollTimer;
  private seriesDirty = false;
  private lastSeriesPush = 0;
  private readonly seriesEveryMs: number;

  constructor(runDir: string, options: RunWatcherOptions = {}) {
    this.runDir = resolve(runDir);
    this.timer = new PollTimer(() => this.poll(), options.pollMs ?? 250);
    this.seriesEveryMs = options.seriesEveryMs ?? 1_000;
    this.series = new RunSeries(options.seriesCapacity);
    this.metrics = new JsonLinesReader(runPaths(this.runDir).metrics);
    this.snapshotValue = this.readSnapshot();
    this.poll();
  }

  get snapshot(): RunSnapshot {
    return this.snapshotValue;
  }

  seriesData(): Record<SeriesName, SeriesData> {
    return this.series.toJSON();
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }

  /** One look at the run (the timer calls it; tests may too). */
  poll(): void {
    const read = this.metrics.read(
      (line) => this.series.add(line),
      () => this.series.reset(),
    );
    if (read) this.seriesDirty = true;
    const snapshot = this.readSnapshot();
    // The heartbeat's age changes on every read; the page works it out from heartbeatMs.
    const key = JSON.stringify({ ...snapshot, status: { ...snapshot.status, heartbeatAgeMs: 0 } });
    if (key !== this.stateKey) {
      this.stateKey = key;
      this.snapshotValue = snapshot;
      this.emit('state');
    }
    const now = Date.now();
    if (this.seriesDirty && now - this.lastSeriesPush >= this.seriesEveryMs) {
      this.seriesDirty = false;
      this.lastSeriesPush = now;
      this.emit('series');
    }
  }

  private emit(kind: 'state' | 'series'): void {
    for (const listener of this.listeners) listener(kind);
  }

  private readSnapshot(): RunSnapshot {
    const found = inspectRunStatus(this.runDir);
    return {
      runDir: this.runDir,
      runId: found.status?.runId ?? basename(this.runDir),
      status: found.status,
      statusProblem: found.damaged,
      memory: this.trainerMemory(found.status),
      checkpoints: listCheckpoints(this.runDir),
    };
  }

  private trainerMemory(status: RunStatusReport | null): TrainerMemory | null {
    const reported = this.series.memory;
    if (status?.live !== true || status.hostname !== hostname()) return reported;
    const rss = residentBytes(status.pid);
    if (rss === null) return reported;
    return {
      rss,
      budgetBytes: reported?.budgetBytes ?? null,
      source: 'process',
      games: status.games,
    };
  }
}
