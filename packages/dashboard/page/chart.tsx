import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesData } from '../src/series';

export interface ChartLine {
  label: string;
  color: string;
  data: SeriesData;
  /** Draw the bucket minimum and maximum as a faint band around the mean. */
  band?: boolean;
}

export interface ChartProps {
  title: string;
  lines: ChartLine[];
  /** Shown when no line has a point. */
  empty: string;
  xLabel?: string;
  /** An x to mark with a vertical line (the move a replay shows). */
  marker?: number | null;
}

const HEIGHT = 180;

/** Draws the marker line over the plot; reads the marker when uPlot draws. */
function markerHook(marker: { current: number | null }) {
  return (u: uPlot): void => {
    if (marker.current === null) return;
    const x = u.valToPos(marker.current, 'x', true);
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = '#d69e2e';
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.restore();
  };
}

/** Aligns the lines' x values (they may differ) into uPlot's one shared x axis. */
function aligned(lines: ChartLine[]): uPlot.AlignedData {
  const xs = [...new Set(lines.flatMap((l) => l.data.x))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const columns: (number | null)[][] = [];
  for (const line of lines) {
    const parts = line.band ? [line.data.mean, line.data.min, line.data.max] : [line.data.mean];
    for (const values of parts) {
      const column: (number | null)[] = new Array(xs.length).fill(null);
      line.data.x.forEach((x, i) => {
        column[index.get(x)!] = values[i] ?? null;
      });
      columns.push(column);
    }
  }
  return [xs, ...columns] as uPlot.AlignedData;
}

function seriesOf(lines: ChartLine[], xLabel: string): uPlot.Series[] {
  const out: uPlot.Series[] = [{ label: xLabel }];
  for (const line of lines) {
    // uPlot shows the points of a sparse line (a few strength measurements), hides dense ones
    out.push({ label: line.label, stroke: line.color, width: 2, spanGaps: true });
    if (line.band) {
      const faint = {
        stroke: `${line.color}55`,
        width: 1,
        spanGaps: true,
        points: { show: false },
      };
      out.push({ ...faint, label: `${line.label} min` }, { ...faint, label: `${line.label} max` });
    }
  }
  return out;
}

/** The chart's own legend: one entry per line (uPlot's would list the band's edges too). */
function Legend({ lines }: { lines: ChartLine[] }) {
  return (
    <div class="legend">
      {lines.map((l) => (
        <span key={l.label}>
          <i style={{ background: l.color }} />
          {l.label}
          {l.band ? ' (mean; min–max faint)' : ''}
        </span>
      ))}
    </div>
  );
}

/** A uPlot time-series chart over games; remade when the set of lines changes, else updated. */
export function Chart({ title, lines, empty, xLabel = 'games', marker = null }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const markerAt = useRef<number | null>(marker);
  const shape = lines.map((l) => `${l.label}${l.band ? '+' : ''}`).join(',');
  const hasData = lines.some((l) => l.data.x.length > 0);

  useEffect(() => {
    if (host.current === null || !hasData) return;
    const width = host.current.clientWidth || 400;
    const element = host.current;
    plot.current = new uPlot(
      {
        width,
        height: HEIGHT,
        series: seriesOf(lines, xLabel),
        // x is a count (games, moves), not a time
        scales: { x: { time: false } },
        axes: [{ label: xLabel }, {}],
        legend: { show: false },
        cursor: { drag: { x: true, y: false } },
        hooks: { draw: [markerHook(markerAt)] },
      },
      aligned(lines),
      element,
    );
    // The grid gives the chart its width: follow it when the window is resized.
    const resize = new ResizeObserver(() => {
      plot.current?.setSize({ width: element.clientWidth || width, height: HEIGHT });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [shape, hasData]);

  useEffect(() => {
    plot.current?.setData(aligned(lines));
  }, [lines]);

  useEffect(() => {
    markerAt.current = marker;
    plot.current?.redraw(false);
  }, [marker]);

  return (
    <section class="chart">
      <h3>{title}</h3>
      {hasData ? (
        <>
          <div ref={host} />
          <Legend lines={lines} />
        </>
      ) : (
        <p class="empty">{empty}</p>
      )}
    </section>
  );
}
