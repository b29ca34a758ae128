import { describe, expect, it } from 'vitest';
import { DownsampledSeries } from './series';

describe('DownsampledSeries', () => {
  it('keeps a short history point for point', () => {
    const s = new DownsampledSeries(8);
    for (let i = 1; i <= 5; i++) s.add(i * 100, i);
    expect(s.toJSON()).toEqual({
      x: [100, 200, 300, 400, 500],
      mean: [1, 2, 3, 4, 5],
      min: [1, 2, 3, 4, 5],
      max: [1, 2, 3, 4, 5],
      points: 5,
    });
  });

  it('stays within its capacity over a million points and keeps a spike in the band', () => {
    const s = new DownsampledSeries(64);
    for (let i = 1; i <= 1_000_000; i++) s.add(i * 100, i === 500_000 ? 99 : 0);
    const data = s.toJSON();
    expect(data.points).toBe(1_000_000);
    expect(data.x.length).toBeLessThanOrEqual(64);
    expect(data.x.length).toBeGreaterThan(32);
    expect(data.x.at(-1)).toBe(100_000_000);
    expect(Math.max(...data.max)).toBe(99);
    expect(Math.max(...data.mean)).toBeLessThan(1);
    expect(data.x).toEqual([...data.x].sort((a, b) => a - b));
  });

  it('leaves out non-finite values and points behind the last one', () => {
    const s = new DownsampledSeries(8);
    s.add(100, 1);
    s.add(200, Number.NaN);
    s.add(50, 5);
    s.add(300, 3);
    expect(s.toJSON().x).toEqual([100, 300]);
    expect(() => new DownsampledSeries(3)).toThrow(/even integer/);
  });
});
