import { DownsampledSeries, type SeriesData } from './series';

/** The curves of a run, from its metrics.jsonl (docs/architecture.md, "The run directory"). */
export const SERIES_NAMES = [
  'discDiff',
  'blackWinRate',
  'whiteWinRate',
  'drawRate',
  'gamesPerSecond',
  'tdError',
  'leagueScore',
  'endgameMae',
  'endgameBestRate',
] as const;
export type SeriesName = (typeof SERIES_NAMES)[number];

/** Resident memory of the trainer: read from its process, or as its last detailed line said. */
export interface TrainerMemory {
  rss: number;
  budgetBytes: number | null;
  /** 'process': read now from the live trainer (same machine); 'metrics': its last detailed line. */
  source: 'process' | 'metrics';
  /** The games count it was read at. */
  games: number;
}

type Line = Record<string, unknown>;

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function at(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Line)[key];
  }
  return v;
}

/**
 * Folds metrics lines into bounded series: `stats` lines (every 100 games) give disc difference,
 * win rates and games/s; `detailed` lines (every 10,000) the TD error and the trainer's memory;
 * `strength` lines the League score and endgame accuracy.
 */
export class RunSeries {
  private series = new Map<SeriesName, DownsampledSeries>();
  memory: TrainerMemory | null = null;
  lines = 0;

  constructor(private readonly capacity?: number) {
    this.reset();
  }

  reset(): void {
    for (const name of SERIES_NAMES) this.series.set(name, new DownsampledSeries(this.capacity));
    this.memory = null;
    this.lines = 0;
  }

  private put(name: SeriesName, x: number, y: unknown): void {
    const value = num(y);
    if (value !== undefined) this.series.get(name)!.add(x, value);
  }

  add(value: unknown): void {
    const line = value as Line;
    const games = num(at(line, 'games'));
    if (games === undefined) return;
    this.lines++;
    if (line.kind === 'stats') {
      this.put('discDiff', games, line.avgDiscDiff);
      this.put('blackWinRate', games, line.blackWinRate);
      this.put('whiteWinRate', games, line.whiteWinRate);
      this.put('drawRate', games, line.drawRate);
      this.put('gamesPerSecond', games, line.gamesPerSecond);
    } else if (line.kind === 'detailed') {
      this.put('tdError', games, at(line, 'details', 'convergence', 'movingAvgTdError'));
      const rss = num(at(line, 'details', 'memory', 'rss'));
      if (rss !== undefined) {
        this.memory = {
          rss,
          budgetBytes: num(at(line, 'details', 'memory', 'budgetBytes')) ?? null,
          source: 'metrics',
          games,
        };
      }
    } else if (line.kind === 'strength') {
      this.put('leagueScore', games, at(line, 'league', 'score'));
      this.put('endgameMae', games, at(line, 'endgame', 'mae'));
      this.put('endgameBestRate', games, at(line, 'endgame', 'onePlyBestRate'));
    }
  }

  toJSON(): Record<SeriesName, SeriesData> {
    return Object.fromEntries(
      SERIES_NAMES.map((name) => [name, this.series.get(name)!.toJSON()]),
    ) as Record<SeriesName, SeriesData>;
  }
}
