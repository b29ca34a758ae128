import { describe, expect, it } from 'vitest';
import { PollTimer } from './poll-timer';

describe('PollTimer', () => {
  it('ticks until stopped, restarts on start, and never keeps the process alive', async () => {
    let ticks = 0;
    const timer = new PollTimer(() => ticks++, 5);
    timer.start();
    timer.start(); // a restart, not a second timer
    await new Promise((r) => setTimeout(r, 60));
    timer.stop();
    const seen = ticks;
    expect(seen).toBeGreaterThan(2);
    expect(seen).toBeLessThan(16); // one timer at 5 ms, not two
    expect(timer.running).toBe(false);
    await new Promise((r) => setTimeout(r, 30));
    expect(ticks).toBe(seen);
  });
});
