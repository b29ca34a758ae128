import { formatDuration } from '@prismind/telemetry';

/** Small formatters shared by the commands' text output. */

/** 1234567 → "1,234,567" (integers; others rounded). */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 0.4213 → "42.1%". */
export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : '-';
}

/** A signed number: 3.21 → "+3.2", -1 → "-1.0". */
export function signed(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return x > 0 ? '+inf' : x < 0 ? '-inf' : '-';
  const text = x.toFixed(digits);
  return x >= 0 && !text.startsWith('-') ? `+${text}` : text;
}

/**
 * Seconds in telemetry's duration format ("1h02m03s", "4m05s", "6s"), so the CLI and the run's log
 * write a time the same way; undefined or non-finite as "-", like the other formatters here.
 */
export function duration(seconds: number | undefined | null): string {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds) || seconds < 0) {
    return '-';
  }
  return formatDuration(seconds * 1000);
}

/** A rate: 1234.5 → "1,235", 12.34 → "12.3", undefined → "-". */
export function rate(x: number | undefined | null): string {
  if (x === undefined || x === null || !Number.isFinite(x)) return '-';
  return x >= 100 ? int(x) : x.toFixed(1);
}

/** Bytes as "12.3 MiB". */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** A text progress bar of `width` cells. */
export function bar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
}

/** Left-aligned table columns (every row the same number of cells). */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
