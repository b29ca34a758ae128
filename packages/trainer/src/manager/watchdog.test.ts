import { describe, expect, it } from 'vitest';
import { EngineBatchError, watchBatch } from './watchdog';

const never = () => new Promise<number>(() => {});

describe('watchBatch', () => {
  it('passes a result through', async () => {
    const w = watchBatch(Promise.resolve(7), { stallMs: 50, stopGraceMs: 50 });
    await expect(w.result).resolves.toBe(7);
  });

  it('calls a batch without progress hung', async () => {
    const started = performance.now();
    const w = watchBatch(never(), { stallMs: 80, stopGraceMs: 10_000 });
    const error = await w.result.catch((e) => e);
    expect(error).toBeInstanceOf(EngineBatchError);
    expect(error.kind).toBe('engine_hang');
    expect(error.message).toMatch(/no progress for \d+ ms/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(80);
  });

  it('progress keeps a slow batch alive', async () => {
    let settle!: (v: number) => void;
    const slow = new Promise<number>((r) => {
      settle = r;
    });
    const w = watchBatch(slow, {
      stallMs: 60,
      stopGraceMs: 1_000,
    });
    const beat = setInterval(() => w.touch(), 15);
    setTimeout(() => settle(1), 200);
    await expect(w.result).resolves.toBe(1);
    clearInterval(beat);
  });

  it('calls a batch that ignores a stop request hung', async () => {
    const w = watchBatch(never(), { stallMs: 10_000, stopGraceMs: 50 });
    const beat = setInterval(() => w.touch(), 10);
    w.stopRequested();
    const error = await w.result.catch((e) => e);
    clearInterval(beat);
    expect(error.kind).toBe('engine_hang');
    expect(error.message).toMatch(/no answer to a stop request/);
  });

  it('turns a rejected batch into engine_crash with the cause', async () => {
    const cause = new Error('worker exited');
    const w = watchBatch(Promise.reject(cause), { stallMs: 1_000, stopGraceMs: 1_000 });
    const error = await w.result.catch((e) => e);
    expect(error.kind).toBe('engine_crash');
    expect(error.message).toBe('the batch failed: worker exited');
    expect(error.cause).toBe(cause);
  });
});
