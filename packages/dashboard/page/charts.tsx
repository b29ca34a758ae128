import type { SeriesName } from '../src/run-series';
import type { SeriesData } from '../src/series';
import { Chart } from './chart';

export type AllSeries = Record<SeriesName, SeriesData>;

interface ChartSpec {
  title: string;
  empty: string;
  lines: { name: SeriesName; label: string; color: string; band?: boolean }[];
}

const NO_STATS = 'no stats yet';
const NO_STRENGTH = 'no strength measurement yet (every 3 minutes of training)';

/** The dashboard's charts: which series each draws. */
const CHARTS: ChartSpec[] = [
  {
    title: 'Disc difference (black − white)',
    empty: NO_STATS,
    lines: [{ name: 'discDiff', label: 'discs', color: '#2b6cb0', band: true }],
  },
  {
    title: 'Win rates',
    empty: NO_STATS,
    lines: [
      { name: 'blackWinRate', label: 'black', color: '#1a202c' },
      { name: 'whiteWinRate', label: 'white', color: '#a0aec0' },
      { name: 'drawRate', label: 'draws', color: '#d69e2e' },
    ],
  },
  {
    title: 'TD error (moving average)',
    empty: 'no detailed metrics line yet (the trainer writes one every 10,000 games)',
    lines: [{ name: 'tdError', label: 'TD error', color: '#c53030', band: true }],
  },
  {
    title: 'Games per second',
    empty: NO_STATS,
    lines: [{ name: 'gamesPerSecond', label: 'games/s', color: '#2f855a', band: true }],
  },
  {
    title: 'Strength (0–1): League score, 1-ply best moves on solved endgames',
    empty: NO_STRENGTH,
    lines: [
      { name: 'leagueScore', label: 'League score', color: '#6b46c1' },
      { name: 'endgameBestRate', label: 'best-move rate', color: '#319795' },
    ],
  },
  {
    title: 'Solved endgames: mean absolute error of the evaluation (discs)',
    empty: NO_STRENGTH,
    lines: [{ name: 'endgameMae', label: 'mean abs error', color: '#dd6b20' }],
  },
];

/** The run's curves over the whole run (downsampled by the server). */
export function Charts({ series }: { series: AllSeries }) {
  return (
    <div class="charts">
      {CHARTS.map((spec) => (
        <Chart
          key={spec.title}
          title={spec.title}
          empty={spec.empty}
          lines={spec.lines.map((l) => ({ ...l, data: series[l.name] }))}
        />
      ))}
    </div>
  );
}
