import {
  type EndgamePosition,
  endgameAccuracy,
  leagueScore,
  loadEndgameSet,
} from '@prismind/arena';
import type { Engine } from '@prismind/board/contracts';
import type { StrengthRecord } from './record';

export type { StrengthRecord } from './record';

/** How often and how much a run measures its own strength (docs/architecture.md, "Strength"). */
export interface StrengthSettings {
  /** Measure after this many games since the last measurement (0 = no game trigger). */
  everyGames: number;
  /** Measure after this many minutes of training since the last measurement (0 = no time trigger). */
  everyMinutes: number;
  /** League games a measurement (1-ply vs the standard WPC, ε = 0.1). */
  leagueGames: number;
  /** Solved endgame positions a measurement (the packaged set's first N). */
  endgamePositions: number;
  /** Seeds the League's random moves: the same for every measurement, so points compare. */
  seed: number;
}

/**
 * The defaults keep the cost near 3% of training: one measurement takes ~3-6 s natively (2,000
 * League games ~2-5 s, 500 endgame positions < 1 s), once every 3 minutes of training.
 */
export const DEFAULT_STRENGTH_SETTINGS: Readonly<StrengthSettings> = Object.freeze({
  everyGames: 0,
  everyMinutes: 3,
  leagueGames: 2000,
  endgamePositions: 500,
  seed: 20061,
});

/**
 * Decides when a run measures itself and keeps the best measurement. The clock is training time
 * (the caller's), so a pause does not make a measurement due.
 */
export class StrengthSchedule {
  private lastGames: number;
  private lastMs: number;

  constructor(
    private readonly settings: StrengthSettings,
    games: number,
    trainingMs: number,
  ) {
    this.lastGames = games;
    this.lastMs = trainingMs;
  }

  /** True when the games or the training time since the last measurement reached a trigger. */
  due(games: number, trainingMs: number): boolean {
    const { everyGames, everyMinutes } = this.settings;
    if (games <= this.lastGames) return false;
    const byGames = everyGames > 0 && games - this.lastGames >= everyGames;
    const byTime = everyMinutes > 0 && trainingMs - this.lastMs >= everyMinutes * 60_000;
    return byGames || byTime;
  }

  /** Marks a measurement taken at `games` and `trainingMs`. */
  taken(games: number, trainingMs: number): void {
    this.lastGames = games;
    this.lastMs = trainingMs;
  }
}

/**
 * True when `candidate` is a stronger model than `best`. The League score decides when the two
 * 95% intervals are apart (a collapse never replaces the best). When they overlap the League cannot
 * tell the models apart, and the solved endgames decide, the smaller error winning: within a run
 * the League score levels off near 0.94 while the model keeps getting stronger, and the endgame
 * error is what ranks checkpoints as their games against each other do (docs/strength.md, round 8:
 * 4 M-game models score 0.56 head to head against 1 M-game ones, with a level League score and 1.2
 * discs less error).
 */
export function isStronger(candidate: StrengthRecord, best: StrengthRecord | undefined): boolean {
  if (best === undefined) return true;
  if (candidate.league.low > best.league.high) return true;
  if (candidate.league.high < best.league.low) return false;
  return candidate.endgame.mae < best.endgame.mae;
}

let packagedSet: readonly EndgamePosition[] | undefined;

/** Measures the engine's model now: the League score and the accuracy on solved endgames. */
export async function measureStrength(
  engine: Engine,
  games: number,
  settings: StrengthSettings,
): Promise<StrengthRecord> {
  const started = performance.now();
  packagedSet ??= loadEndgameSet();
  const league = await leagueScore({ engine, games: settings.leagueGames, seed: settings.seed });
  const endgame = await endgameAccuracy(engine, packagedSet, {
    count: settings.endgamePositions,
  });
  return {
    games,
    league: {
      score: league.score,
      low: league.interval.low,
      high: league.interval.high,
      games: league.games,
    },
    endgame: {
      mae: endgame.mae,
      onePlyBestRate: endgame.onePlyBestRate,
      depth4BestRate: endgame.depth4BestRate,
      positions: endgame.positions,
    },
    seconds: (performance.now() - started) / 1000,
  };
}
