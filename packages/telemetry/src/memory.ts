import { TelemetryError } from './errors';
import type { Logger } from './logger';
import { requireRangeOption } from './validate';

/** 600 MiB: the design's ceiling for the whole training process, resident. */
export const DEFAULT_MEMORY_BUDGET_BYTES: number = 600 * 1024 * 1024;

/** What the process reports (the subset of `process.memoryUsage()` this uses). */
export interface ProcessMemory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface MemoryMonitorOptions {
  /** Default DEFAULT_MEMORY_BUDGET_BYTES (600 MiB). */
  budgetBytes?: number | undefined;
  /** Reads resident memory; default `process.memoryUsage`. Inject in tests. */
  readMemory?: (() => ProcessMemory) | undefined;
  /** Warned (once per crossing) when resident memory goes over budget. */
  logger?: Logger | undefined;
  /** Called on each crossing over the budget (not again until it has dropped back under). */
  onOverBudget?: ((snapshot: MemorySnapshot) => void) | undefined;
}

export interface MemoryPart {
  name: string;
  bytes: number;
}

export interface MemorySnapshot {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  budgetBytes: number;
  overBudget: boolean;
  /** The registered parts (in registration order), then `rest`: rss minus their sum, floored at 0. */
  breakdown: MemoryPart[];
  rest: number;
}

/**
 * Resident memory against a budget, with a breakdown the caller supplies: register named byte
 * counts (e.g. `weights`, `optimizerState`, `searchTables`), fixed or computed on each sample;
 * whatever the process holds beyond them is reported as `rest`.
 */
export class MemoryMonitor {
  readonly budgetBytes: number;
  private readonly readMemory: () => ProcessMemory;
  private readonly logger: Logger | undefined;
  private readonly onOverBudget: ((snapshot: MemorySnapshot) => void) | undefined;
  private readonly parts = new Map<string, number | (() => number)>();
  private over = false;
  private lastSnapshot: MemorySnapshot | null = null;

  constructor(options: MemoryMonitorOptions = {}) {
    this.budgetBytes = options.budgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
    requireRangeOption(this.budgetBytes, 'budgetBytes', 1, Number.MAX_SAFE_INTEGER);
    this.readMemory = options.readMemory ?? (() => process.memoryUsage());
    this.logger = options.logger;
    this.onOverBudget = options.onOverBudget;
  }

  /** Registers (or replaces) a named part: a byte count, or a function read at every sample. */
  register(name: string, bytes: number | (() => number)): void {
    if (typeof name !== 'string' || name === '' || name === 'rest') {
      throw new TelemetryError(
        'INVALID_ARGUMENT',
        `memory part name must be a non-empty string other than 'rest', got ${JSON.stringify(name)}`,
      );
    }
    if (typeof bytes === 'number') checkBytes(name, bytes);
    this.parts.set(name, bytes);
  }

  unregister(name: string): void {
    this.parts.delete(name);
  }

  /** Reads memory and builds the breakdown, without warning. */
  sample(): MemorySnapshot {
    const mem = this.readMemory();
    const breakdown: MemoryPart[] = [];
    let registered = 0;
    for (const [name, source] of this.parts) {
      const bytes = typeof source === 'function' ? source() : source;
      checkBytes(name, bytes);
      breakdown.push({ name, bytes });
      registered += bytes;
    }
    const snapshot: MemorySnapshot = {
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      external: mem.external,
      arrayBuffers: mem.arrayBuffers,
      budgetBytes: this.budgetBytes,
      overBudget: mem.rss > this.budgetBytes,
      breakdown,
      rest: Math.max(0, mem.rss - registered),
    };
    this.lastSnapshot = snapshot;
    return snapshot;
  }

  /**
   * Samples and, when resident memory has just gone over the budget, warns through the logger and
   * `onOverBudget`; it warns again only after memory dropped back under the budget.
   */
  check(): MemorySnapshot {
    const snapshot = this.sample();
    if (snapshot.overBudget && !this.over) {
      this.logger?.warn(
        {
          event: 'memory_over_budget',
          rss: snapshot.rss,
          budgetBytes: snapshot.budgetBytes,
          breakdown: Object.fromEntries(snapshot.breakdown.map((p) => [p.name, p.bytes])),
          rest: snapshot.rest,
        },
        `resident memory ${formatMiB(snapshot.rss)} is over the budget of ${formatMiB(snapshot.budgetBytes)}`,
      );
      this.onOverBudget?.(snapshot);
    }
    this.over = snapshot.overBudget;
    return snapshot;
  }

  /** The last snapshot taken, or null. */
  toJSON(): MemorySnapshot | null {
    return this.lastSnapshot;
  }
}

function checkBytes(name: string, bytes: number): void {
  if (!Number.isFinite(bytes) || bytes < 0) {
    throw new TelemetryError(
      'INVALID_ARGUMENT',
      `memory part ${name} must be a byte count >= 0, got ${bytes}`,
      { details: { name, bytes } },
    );
  }
}

/** Bytes as MiB with one decimal, for messages. */
export function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
