import { describe, expect, it, vi } from 'vitest';
import { ProgressReporter, type ProgressUpdate } from './progress';

function fakeClock(start = 0): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

describe('ProgressReporter', () => {
  it('throttles a hot loop to one update per 250 ms and always delivers the final one', () => {
    const clock = fakeClock(10_000);
    const updates: ProgressUpdate<{ disc: number }>[] = [];
    const reporter = new ProgressReporter<{ disc: number }>({
      total: 10_000,
      clock: clock.now,
      onProgress: (u) => updates.push(u),
    });
    // 10,000 iterations, 0.1 ms each: 1 second in all
    for (let i = 1; i <= 9_999; i++) {
      clock.advance(0.1);
      reporter.update(i, { disc: i % 7 });
    }
    // the first update goes out at once, then one per 250 ms: t = 0.1, 250.1, 500.1, 750.1 ms
    expect(updates.map((u) => u.done)).toEqual([1, 2501, 5001, 7501]);
    clock.advance(0.1);
    expect(reporter.finish(10_000)).toBe(true);
    expect(updates).toHaveLength(5);
    const last = updates[4]!;
    expect(last).toMatchObject({ done: 10_000, total: 10_000, fraction: 1, final: true, etaMs: 0 });
    expect(last.elapsedMs).toBeCloseTo(1000, 6);
    expect(last.data).toEqual({ disc: 9_999 % 7 });
    expect(reporter.update(10_001)).toBe(false);
    expect(reporter.finish()).toBe(false);
    expect(reporter.emitted).toBe(5);
  });

  it('emits the final update when the total is reached, even inside the interval', () => {
    const clock = fakeClock();
    const listener = vi.fn();
    const reporter = new ProgressReporter({ total: 3, clock: clock.now, onProgress: listener });
    reporter.update(1);
    clock.advance(1);
    expect(reporter.update(2)).toBe(false);
    clock.advance(1);
    expect(reporter.update(3)).toBe(true);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(listener.mock.calls[1]![0]).toMatchObject({ done: 3, final: true });
  });

  it('estimates the rate and ETA from the smoothed rate', () => {
    const clock = fakeClock();
    const reporter = new ProgressReporter({ total: 1_000, clock: clock.now, minIntervalMs: 0 });
    for (let i = 1; i <= 200; i++) {
      clock.advance(10);
      reporter.update(i); // 100 per second
    }
    const last = reporter.last!;
    expect(last.ratePerSecond).toBeCloseTo(100, 6);
    expect(last.etaMs).toBeCloseTo(8_000, 3);
    expect(last.fraction).toBeCloseTo(0.2, 12);
  });

  it('does not inflate the rate of a resumed run', () => {
    const clock = fakeClock();
    const reporter = new ProgressReporter({ total: 20_000, initial: 10_000, clock: clock.now });
    clock.advance(1_000);
    reporter.update(10_050);
    expect(reporter.last!.ratePerSecond).toBeCloseTo(50, 9);
    expect(reporter.last!.etaMs).toBeCloseTo(199_000, 3);
  });

  it('works without a total (no fraction, no ETA)', () => {
    const clock = fakeClock();
    const reporter = new ProgressReporter({ clock: clock.now });
    clock.advance(500);
    reporter.update(10);
    expect(reporter.last).toMatchObject({
      done: 10,
      total: undefined,
      fraction: undefined,
      etaMs: undefined,
    });
    expect(reporter.last!.ratePerSecond).toBeCloseTo(20, 9);
    expect(JSON.parse(JSON.stringify(reporter))).toMatchObject({
      done: 10,
      final: false,
      ratePerSecond: 20,
    });
  });

  it('supports several listeners, unsubscribing, and survives a throwing listener', () => {
    const clock = fakeClock();
    const errors: unknown[] = [];
    const reporter = new ProgressReporter({
      clock: clock.now,
      onListenerError: (e) => errors.push(e),
    });
    const a = vi.fn();
    const b = vi.fn(() => {
      throw new Error('screen gone');
    });
    const unsubscribe = reporter.subscribe(a);
    reporter.subscribe(b);
    reporter.update(1);
    unsubscribe();
    clock.advance(300);
    reporter.update(2);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
    expect(errors).toHaveLength(2);
  });

  it('refuses progress going backwards and bad options', () => {
    const reporter = new ProgressReporter({ clock: () => 0 });
    reporter.update(5);
    expect(() => reporter.update(4)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => new ProgressReporter({ minIntervalMs: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });
});
