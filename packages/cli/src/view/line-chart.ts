// A small, dependency-free SVG line chart: axes with ticks and labels, lines with optional
// interval bands, and a legend. Enough for a learning curve; nothing interactive.

export interface ChartPoint {
  x: number;
  y: number;
  /** A 95% interval around y, drawn as a shaded band when every point of the series has one. */
  low?: number | undefined;
  high?: number | undefined;
}

export interface ChartSeries {
  name: string;
  /** Any SVG colour. */
  color: string;
  points: readonly ChartPoint[];
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** The y axis range; default [0, 1]. The x axis runs from 0 to the largest x. */
  yRange?: readonly [number, number] | undefined;
  series: readonly ChartSeries[];
  width?: number | undefined;
  height?: number | undefined;
}

const MARGIN = { top: 48, right: 180, bottom: 56, left: 64 };

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** About `count` round tick values (steps of 1, 2 or 5 × 10^k) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

function tickLabel(v: number): string {
  if (Math.abs(v) >= 1_000_000) return `${Number((v / 1_000_000).toPrecision(3))}M`;
  if (Math.abs(v) >= 1000) return `${Number((v / 1000).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

const f = (v: number) => v.toFixed(1);

/** The chart as a standalone SVG document. */
export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 760;
  const height = options.height ?? 420;
  const [y0, y1] = options.yRange ?? [0, 1];
  const xMax = Math.max(1, ...options.series.flatMap((s) => s.points.map((p) => p.x)));
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const px = (x: number) => MARGIN.left + (x / xMax) * plotW;
  const py = (y: number) => MARGIN.top + (1 - (y - y0) / (y1 - y0)) * plotH;
  const bottom = MARGIN.top + plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
  ];
  for (const t of niceTicks(y0, y1)) {
    parts.push(
      `<line x1="${MARGIN.left}" y1="${f(py(t))}" x2="${MARGIN.left + plotW}" y2="${f(py(t))}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 6}" y="${f(py(t) + 4)}" text-anchor="end">${tickLabel(t)}</text>`,
    );
  }
  for (const t of niceTicks(0, xMax)) {
    parts.push(
      `<line x1="${f(px(t))}" y1="${bottom}" x2="${f(px(t))}" y2="${bottom + 5}" stroke="black"/>`,
      `<text x="${f(px(t))}" y="${bottom + 18}" text-anchor="middle">${tickLabel(t)}</text>`,
    );
  }
  parts.push(
    `<path d="M${MARGIN.left},${MARGIN.top}V${bottom}H${MARGIN.left + plotW}" fill="none" stroke="black"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 12}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  );
  options.series.forEach((s, i) => {
    parts.push(...seriesParts(s, px, py), ...legendParts(s, i, MARGIN.left + plotW + 16));
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function seriesParts(
  s: ChartSeries,
  px: (x: number) => number,
  py: (y: number) => number,
): string[] {
  const parts: string[] = [];
  const banded =
    s.points.length > 0 && s.points.every((p) => p.low !== undefined && p.high !== undefined);
  if (banded) {
    const upper = s.points.map((p) => `${f(px(p.x))},${f(py(p.high!))}`);
    const lower = s.points.map((p) => `${f(px(p.x))},${f(py(p.low!))}`).reverse();
    parts.push(
      `<polygon points="${[...upper, ...lower].join(' ')}" fill="${escapeXml(s.color)}" fill-opacity="0.18" stroke="none"/>`,
    );
  }
  const line = s.points.map((p) => `${f(px(p.x))},${f(py(p.y))}`).join(' ');
  parts.push(
    `<polyline points="${line}" fill="none" stroke="${escapeXml(s.color)}" stroke-width="2"/>`,
    ...s.points.map(
      (p) => `<circle cx="${f(px(p.x))}" cy="${f(py(p.y))}" r="3" fill="${escapeXml(s.color)}"/>`,
    ),
  );
  return parts;
}

function legendParts(s: ChartSeries, index: number, x: number): string[] {
  const y = MARGIN.top + 8 + index * 20;
  return [
    `<line x1="${x}" y1="${y}" x2="${x + 20}" y2="${y}" stroke="${escapeXml(s.color)}" stroke-width="2"/>`,
    `<text x="${x + 26}" y="${y + 4}">${escapeXml(s.name)}</text>`,
  ];
}
