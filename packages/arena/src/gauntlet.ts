import type { Engine } from '@prismind/board/contracts';
import { PrismindError } from '@prismind/board/contracts';
import { enginePlayer } from './engine-player';
import { type MatchGame, type MatchResult, runMatch } from './match';
import { type Opening, standardOpenings } from './openings';
import { checkDepth, type GamePlayer, greedyPlayer, randomPlayer, wpcPlayer } from './players';
import { TEXTBOOK_WPC } from './wpc';
import type { SprtOptions } from './sprt';
import type { Wdl } from './stats';

/** Promotion thresholds by opponent name: the minimum score (points per game) to pass. */
export const DEFAULT_THRESHOLDS: Readonly<Record<string, number>> = Object.freeze({
  random: 0.85,
  wpc: 0.6,
});

export interface GauntletOptions {
  /** The player to evaluate; or give `engine` and it plays enginePlayer(engine, { depth }). */
  player?: GamePlayer | undefined;
  engine?: Engine | undefined;
  /** Search depth of the model and of the WPC baseline. Default 2. */
  depth?: number | undefined;
  /** Default baselineOpponents(depth): random, greedy, wpc. Add earlier checkpoints here. */
  opponents?: readonly GamePlayer[] | undefined;
  /** Default standardOpenings(): 60 four-ply openings, each played with both colours. */
  openings?: readonly Opening[] | undefined;
  /** Games per opponent; default 2 × openings. */
  games?: number | undefined;
  seed?: number | undefined;
  /** Default DEFAULT_THRESHOLDS; opponents without an entry do not gate promotion. */
  thresholds?: Readonly<Record<string, number>> | undefined;
  /** Stop each match early by SPRT (see runMatch). */
  sprt?: SprtOptions | undefined;
  keepGames?: boolean | undefined;
  onGame?: ((opponent: string, game: MatchGame, totals: Wdl) => void) | undefined;
}

export interface GauntletMatch extends MatchResult {
  /** The opponent's threshold, when it has one. */
  threshold?: number | undefined;
  /** score ≥ threshold, when it has one. */
  passed?: boolean | undefined;
}

export interface GauntletResult {
  player: string;
  depth: number;
  seed: number;
  openings: number;
  matches: GauntletMatch[];
  /** Every opponent with a threshold was beaten by at least its threshold. */
  promoted: boolean;
  /** Opponents whose threshold was missed. */
  failed: string[];
  elapsedMs: number;
}

/**
 * The baselines known by name. 'wpc' is the literature's weighted piece counter, the standard
 * heuristic of the Othello League (STANDARD_WPC); 'wpc-textbook' is the textbook table
 * (TEXTBOOK_WPC), kept as an extra opponent. Both search at the gauntlet's depth.
 */
export const BASELINE_NAMES: readonly string[] = Object.freeze([
  'random',
  'greedy',
  'wpc',
  'wpc-textbook',
]);

/** A baseline by its name in BASELINE_NAMES (undefined for any other name), named `name`. */
export function baselinePlayer(
  kind: string,
  options: { depth?: number | undefined; name?: string | undefined } = {},
): GamePlayer | undefined {
  const depth = options.depth ?? 2;
  const name = options.name ?? kind;
  if (kind === 'random') return randomPlayer({ name });
  if (kind === 'greedy') return greedyPlayer({ name });
  if (kind === 'wpc') return wpcPlayer({ depth, name });
  if (kind === 'wpc-textbook') return wpcPlayer({ depth, name, table: TEXTBOOK_WPC });
  return undefined;
}

/** The standard baselines: random (seeded per game), greedy, and the standard WPC at `depth`. */
export function baselineOpponents(options: { depth?: number | undefined } = {}): GamePlayer[] {
  return [randomPlayer(), greedyPlayer(), wpcPlayer({ depth: options.depth ?? 2 })];
}

function resolvePlayer(options: GauntletOptions, depth: number): GamePlayer {
  if (options.player !== undefined) return options.player;
  if (options.engine !== undefined) return enginePlayer(options.engine, { depth });
  throw new PrismindError('INVALID_OPTIONS', 'gauntlet: give a player or an engine to evaluate');
}

function checkOpponents(opponents: readonly GamePlayer[]): void {
  const names = opponents.map((o) => o.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (opponents.length === 0 || dup !== undefined) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      opponents.length === 0
        ? 'gauntlet: no opponents; give at least one'
        : `gauntlet: two opponents are named ${dup}; names must be unique (results and thresholds use them)`,
    );
  }
}

/**
 * Plays the player against each opponent in turn (runMatch: every opening with both colours, same
 * seed for every opponent) and applies the promotion thresholds to the point estimate of the score.
 */
export async function runGauntlet(options: GauntletOptions): Promise<GauntletResult> {
  const started = performance.now();
  const depth = checkDepth(options.depth ?? 2, 'gauntlet');
  const player = resolvePlayer(options, depth);
  const opponents = options.opponents ?? baselineOpponents({ depth });
  checkOpponents(opponents);
  const openings = options.openings ?? standardOpenings();
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const seed = (options.seed ?? 1) >>> 0;
  const matches: GauntletMatch[] = [];
  for (const opponent of opponents) {
    const onGame = options.onGame;
    const result = await runMatch({
      player,
      opponent,
      openings,
      games: options.games,
      seed,
      sprt: options.sprt,
      keepGames: options.keepGames,
      onGame: onGame === undefined ? undefined : (g, t) => onGame(opponent.name, g, t),
    });
    const threshold = thresholds[opponent.name];
    matches.push(
      threshold === undefined
        ? result
        : { ...result, threshold, passed: result.score >= threshold },
    );
  }
  const failed = matches.filter((m) => m.passed === false).map((m) => m.opponent);
  return {
    player: player.name,
    depth,
    seed,
    openings: openings.length,
    matches,
    promoted: failed.length === 0,
    failed,
    elapsedMs: performance.now() - started,
  };
}
