import type { StrengthReport } from '@prismind/arena';
import { lineChart } from './line-chart';

/** What the chart reads of a measurement. */
export interface ChartedPoint extends Pick<StrengthReport, 'league' | 'endgame'> {
  games: number;
}

/**
 * The learning curve of `bench strength`: the League score with its 95% interval as a band, and
 * how often the 1-ply choice is a best move on the solved endgames, against games trained.
 */
export function strengthChart(points: readonly ChartedPoint[], backend: string): string {
  return lineChart({
    title: `Learning curve (${backend} backend)`,
    xLabel: 'self-play games',
    yLabel: 'score / rate',
    yRange: [0, 1],
    series: [
      {
        name: 'League score (95%)',
        color: '#1f77b4',
        points: points.map((p) => ({
          x: p.games,
          y: p.league.score,
          low: p.league.interval.low,
          high: p.league.interval.high,
        })),
      },
      {
        name: 'Endgame 1-ply best',
        color: '#d62728',
        points: points.map((p) => ({ x: p.games, y: p.endgame.onePlyBestRate })),
      },
    ],
  });
}
