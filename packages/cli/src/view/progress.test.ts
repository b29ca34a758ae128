import { describe, expect, it } from 'vitest';
import { bufferedIO } from '../io';
import { liveLines, plainLine, type ProgressSnapshot, ProgressDisplay } from './progress';

const snapshot: ProgressSnapshot = {
  runId: 'r1',
  state: 'training',
  games: 840,
  targetGames: 2000,
  gamesPerSecond: 1234,
  etaSeconds: 1.2,
  elapsedSeconds: 12,
  avgDiscDiff: 3.21,
  blackWinRate: 0.521,
  whiteWinRate: 0.45,
  drawRate: 0.029,
  backend: 'native',
  lastCheckpoint: { path: '/runs/r1/checkpoints/ckpt-000000000500.prsm', games: 500 },
};

describe('progress views', () => {
  it('the live view shows bar, games/s, ETA, discs, win rates and the last checkpoint', () => {
    const lines = liveLines(snapshot, 80);
    expect(lines[0]).toBe('run r1  training  backend native');
    expect(lines[1]).toMatch(/^█+░+ 42\.0% {2}840\/2,000 games$/);
    expect(lines[2]).toBe('1,234 games/s   elapsed 12s   ETA 1s');
    expect(lines[3]).toContain('discs +3.2');
    expect(lines[3]).toContain('black 52.1%');
    expect(lines[3]).toContain('white 45.0%');
    expect(lines[3]).toContain('draws 2.9%');
    expect(lines[4]).toBe('last checkpoint: ckpt-000000000500.prsm (500 games)');
  });

  it('estimates the ETA from the rate when none is given, and says when nothing is known', () => {
    const lines = liveLines({ games: 1000, targetGames: 2000, gamesPerSecond: 100 });
    expect(lines[2]).toContain('ETA 10s');
    expect(lines[3]).toContain('no games yet');
    expect(lines[4]).toBe('last checkpoint: none yet');
  });

  it('a plain line holds the same numbers', () => {
    expect(plainLine(snapshot)).toBe(
      'games 840/2000 (42.0%)  1,234 games/s  ETA 1s  discs +3.2  black 52.1% white 45.0% draw 2.9%  checkpoint 500',
    );
    expect(plainLine({ ...snapshot, state: 'paused' })).toMatch(/^paused {2}games 840/);
  });

  it('on a terminal the block is redrawn in place and notes go above it', () => {
    const io = bufferedIO({ tty: true });
    const display = new ProgressDisplay(io.stdout, { redrawMs: 0 });
    expect(display.isLive).toBe(true);
    display.update(snapshot);
    display.update({ ...snapshot, games: 900 });
    display.note('paused at 900 games');
    const out = io.out();
    // cursor up 5 lines, clear to the end of the screen, before each redraw
    expect(out.split('\x1b[5F\x1b[0J').length).toBe(3);
    expect(out).toContain('paused at 900 games\n');
    expect(out.endsWith('(500 games)\n')).toBe(true);
  });

  it('elsewhere it prints plain lines, throttled, and flushes the last one', () => {
    const io = bufferedIO();
    const display = new ProgressDisplay(io.stdout, { plainIntervalMs: 60_000 });
    display.update(snapshot);
    display.update({ ...snapshot, games: 900 });
    display.update({ ...snapshot, games: 1000 });
    expect(io.out().trim().split('\n')).toHaveLength(1);
    display.close();
    const lines = io.out().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^games 1000\/2000/);
    expect(io.out()).not.toContain('\x1b[');
  });
});
