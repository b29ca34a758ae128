import { describe, expect, it } from 'vitest';
import { bar, bytes, duration, int, pct, rate, signed, table } from './format';

describe('formatters', () => {
  it('format numbers for people', () => {
    expect(int(1234567)).toBe('1,234,567');
    expect(pct(0.4213)).toBe('42.1%');
    expect(pct(Number.NaN)).toBe('-');
    expect(signed(3.21)).toBe('+3.2');
    expect(signed(-1)).toBe('-1.0');
    expect(signed(-0.01)).toBe('-0.0');
    expect(signed(Number.POSITIVE_INFINITY)).toBe('+inf');
    expect(rate(1234.5)).toBe('1,235');
    expect(rate(12.34)).toBe('12.3');
    expect(rate(undefined)).toBe('-');
    expect(bytes(60_215_400)).toBe('57.4 MiB');
  });

  it('format durations', () => {
    expect(duration(5)).toBe('5s');
    expect(duration(125)).toBe('2m05s');
    expect(duration(3723)).toBe('1h02m03s');
    expect(duration(59.6)).toBe('1m00s');
    expect(duration(undefined)).toBe('-');
    expect(duration(Number.POSITIVE_INFINITY)).toBe('-');
  });

  it('draw bars and tables', () => {
    expect(bar(0.5, 10)).toBe('█████░░░░░');
    expect(bar(2, 4)).toBe('████');
    expect(bar(Number.NaN, 2)).toBe('░░');
    expect(
      table([
        ['a', 'bb', 'c'],
        ['ccc', 'd', 'e'],
      ]),
    ).toEqual(['a    bb  c', 'ccc  d   e']);
  });
});
