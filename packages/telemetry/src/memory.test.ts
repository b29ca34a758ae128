import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMORY_BUDGET_BYTES, MemoryMonitor, type ProcessMemory } from './memory';
import { createLogger } from './logger';

const MiB = 1024 * 1024;

function fakeMemory(rss: number): { read: () => ProcessMemory; set: (bytes: number) => void } {
  let current = rss;
  return {
    read: () => ({ rss: current, heapUsed: 10 * MiB, external: 2 * MiB, arrayBuffers: 1 * MiB }),
    set: (bytes) => {
      current = bytes;
    },
  };
}

describe('MemoryMonitor', () => {
  it('defaults to a 600 MiB budget and reads the real process', () => {
    const monitor = new MemoryMonitor();
    expect(monitor.budgetBytes).toBe(600 * MiB);
    expect(DEFAULT_MEMORY_BUDGET_BYTES).toBe(629_145_600);
    const s = monitor.sample();
    expect(s.rss).toBeGreaterThan(0);
    expect(s.breakdown).toEqual([]);
    expect(s.rest).toBe(s.rss);
  });

  it('breaks resident memory down into registered parts and the rest', () => {
    const mem = fakeMemory(500 * MiB);
    const monitor = new MemoryMonitor({ readMemory: mem.read });
    let tables = 16 * MiB;
    monitor.register('weights', 140 * MiB);
    monitor.register('optimizerState', 280 * MiB);
    monitor.register('searchTables', () => tables);
    tables = 32 * MiB;
    const s = monitor.sample();
    expect(s.breakdown).toEqual([
      { name: 'weights', bytes: 140 * MiB },
      { name: 'optimizerState', bytes: 280 * MiB },
      { name: 'searchTables', bytes: 32 * MiB },
    ]);
    expect(s.rest).toBe(48 * MiB);
    expect(s.overBudget).toBe(false);
    monitor.unregister('optimizerState');
    expect(monitor.sample().rest).toBe(328 * MiB);
    // registered parts can exceed rss (not yet touched pages): rest is floored at 0
    monitor.register('weights', 900 * MiB);
    expect(monitor.sample().rest).toBe(0);
  });

  it('warns once per crossing over the budget', () => {
    const mem = fakeMemory(100 * MiB);
    const lines: string[] = [];
    const logger = createLogger({ stream: { write: (c: string) => lines.push(c) }, pretty: false });
    const crossings: number[] = [];
    const monitor = new MemoryMonitor({
      budgetBytes: 200 * MiB,
      readMemory: mem.read,
      logger,
      onOverBudget: (s) => crossings.push(s.rss),
    });
    monitor.register('weights', 150 * MiB);
    expect(monitor.check().overBudget).toBe(false);
    mem.set(250 * MiB);
    expect(monitor.check().overBudget).toBe(true);
    mem.set(260 * MiB);
    monitor.check(); // still over: no second warning
    mem.set(150 * MiB);
    monitor.check();
    mem.set(300 * MiB);
    monitor.check();
    expect(crossings).toEqual([250 * MiB, 300 * MiB]);
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({
      level: 40,
      event: 'memory_over_budget',
      rss: 250 * MiB,
      budgetBytes: 200 * MiB,
      breakdown: { weights: 150 * MiB },
      rest: 100 * MiB,
    });
    expect(String(warnings[0]!.msg)).toContain('250.0 MiB is over the budget of 200.0 MiB');
    expect(monitor.toJSON()).toMatchObject({ rss: 300 * MiB, overBudget: true });
  });

  it('rejects bad parts and budgets', () => {
    const monitor = new MemoryMonitor({ readMemory: fakeMemory(1).read });
    expect(() => monitor.register('', 1)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => monitor.register('rest', 1)).toThrow(/other than 'rest'/);
    expect(() => monitor.register('w', -1)).toThrow(/byte count/);
    monitor.register('lazy', () => Number.NaN);
    expect(() => monitor.sample()).toThrow(/lazy/);
    expect(() => new MemoryMonitor({ budgetBytes: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });
});
