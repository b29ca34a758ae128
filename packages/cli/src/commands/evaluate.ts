import {
  BASELINE_NAMES,
  baselinePlayer,
  DEFAULT_THRESHOLDS,
  enginePlayer,
  type GamePlayer,
  type GauntletMatch,
  type GauntletResult,
  type LeagueResult,
  leagueScore,
  runGauntlet,
  type SprtOptions,
  standardOpenings,
} from '@prismind/arena';
import type { BackendChoice, Engine } from '@prismind/board/contracts';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { badArgument, EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { type LoadedEngine, loadEngine } from '../model';
import { int, pct, signed } from '../view/format';

/**
 * The default opponents. `--opponent` also knows 'wpc-textbook' (BASELINE_NAMES of the arena);
 * 'wpc' is the standard heuristic table of the Othello League.
 */
export const BASELINES: readonly string[] = ['random', 'greedy', 'wpc'];

export interface EvaluateArgs {
  checkpoint: string;
  /** random | greedy | wpc | wpc-textbook | a checkpoint path (file or run directory). Default random, greedy, wpc. */
  opponents?: readonly string[] | undefined;
  /** Games per opponent. Default 2 × openings (each opening with both colours). */
  games?: number | undefined;
  /** Search depth of the model, of checkpoint opponents and of the WPC baseline. Default 2. */
  depth?: number | undefined;
  /** Opening length in plies (default 4: 60 openings; 6 with --sprt: 1,773). */
  plies?: number | undefined;
  /** Use only the first N openings. */
  openings?: number | undefined;
  seed?: number | undefined;
  backend?: BackendChoice | undefined;
  /** `name=score` promotion thresholds (0.6 or 60%), added to the defaults (random 85%, wpc 60%). */
  thresholds?: readonly string[] | undefined;
  /** Also play the Othello League protocol (1-ply vs the 1-ply standard heuristic WPC, ε 0.1). */
  league?: boolean | undefined;
  leagueGames?: number | undefined;
  /** `elo0,elo1`: stop each match as soon as the SPRT decides. */
  sprt?: string | undefined;
  /** Exit 3 when a promotion threshold is missed. */
  strict?: boolean | undefined;
  json?: boolean | undefined;
}

/** `random=0.9`, `wpc=60%` → { random: 0.9, wpc: 0.6 }. */
export function parseThresholds(items: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const match = /^([^=]+)=\s*([0-9.]+)\s*(%?)$/.exec(item.trim());
    const value = match === null ? Number.NaN : Number(match[2]) / (match[3] === '%' ? 100 : 1);
    if (match === null || !(value >= 0 && value <= 1)) {
      throw badArgument(
        '--threshold',
        `"${item}" is not name=score; expected e.g. random=0.85 or wpc=60% (a score 0..1)`,
      );
    }
    out[match[1]!.trim()] = value;
  }
  return out;
}

/** `0,20` → { elo0: 0, elo1: 20 }. */
export function parseSprt(text: string): SprtOptions {
  const parts = text.split(',').map((p) => Number(p.trim()));
  const [elo0, elo1] = parts;
  if (parts.length !== 2 || !Number.isFinite(elo0) || !Number.isFinite(elo1) || !(elo1! > elo0!)) {
    throw badArgument('--sprt', `"${text}" is not elo0,elo1 with elo0 < elo1 (e.g. 0,20)`);
  }
  return { elo0: elo0!, elo1: elo1! };
}

interface Opponents {
  players: GamePlayer[];
  engines: LoadedEngine[];
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

async function makeOpponents(args: EvaluateArgs, depth: number, io: CliIO): Promise<Opponents> {
  const names = args.opponents && args.opponents.length > 0 ? args.opponents : BASELINES;
  const taken = new Set<string>(['model']);
  const players: GamePlayer[] = [];
  const engines: LoadedEngine[] = [];
  try {
    for (const spec of names) {
      const name = spec.trim();
      const baseline = BASELINE_NAMES.includes(name)
        ? baselinePlayer(name, { depth, name: uniqueName(name, taken) })
        : undefined;
      if (baseline !== undefined) players.push(baseline);
      else if (existsSync(name)) {
        const loaded = await loadEngine(name, args.backend ?? 'auto', io);
        engines.push(loaded);
        const label = uniqueName(basename(loaded.path).replace(/\.prsm$/, ''), taken);
        players.push(enginePlayer(loaded.engine, { depth, name: label }));
      } else {
        throw badArgument(
          '--opponent',
          `unknown opponent "${spec}": expected ${BASELINE_NAMES.join(', ')} or the path of a checkpoint`,
        );
      }
    }
  } catch (error) {
    await Promise.all(engines.map((e) => e.engine.dispose().catch(() => undefined)));
    throw error;
  }
  return { players, engines };
}

function range(low: number, high: number, f: (x: number) => string): string {
  return `[${f(low)}, ${f(high)}]`;
}

/** The lines of one opponent's match. */
export function matchLines(m: GauntletMatch): string[] {
  const elo = (x: number) => signed(x, 0);
  const lines = [
    `vs ${m.opponent} (${m.opponentDescription}): ${int(m.games)} games${m.stoppedEarly ? ' (stopped early by SPRT)' : ''}`,
    `  W/D/L ${m.wins}/${m.draws}/${m.losses}   score ${pct(m.score)} ${range(m.scoreInterval.low, m.scoreInterval.high, (x) => pct(x))} (95%)`,
    `  mean disc difference ${signed(m.meanDiscDiff)} ${range(m.discDiffInterval.low, m.discDiffInterval.high, (x) => signed(x))}`,
    `  Elo difference ${elo(m.elo)} ${range(m.eloInterval.low, m.eloInterval.high, elo)}`,
  ];
  if (m.sprt !== undefined) {
    const s = m.sprt;
    const verdict =
      s.decision === 'H1'
        ? `H1 accepted: at least ${s.elo1} Elo better`
        : s.decision === 'H0'
          ? `H0 accepted: not ${s.elo1} Elo better (at most ${s.elo0})`
          : 'undecided';
    lines.push(
      `  SPRT [${s.elo0}, ${s.elo1}] LLR ${s.llr.toFixed(2)} in (${s.lower.toFixed(2)}, ${s.upper.toFixed(2)}): ${verdict}`,
    );
  }
  if (m.threshold !== undefined) {
    lines.push(`  ${m.passed ? 'PASS' : 'FAIL'} (promotion needs ${pct(m.threshold)})`);
  }
  return lines;
}

/** The text report of an evaluation. */
export function evaluationLines(
  model: LoadedEngine,
  result: GauntletResult,
  league: LeagueResult | undefined,
): string[] {
  const lines = [
    `model ${model.path} (${int(model.model.games)} games), ${model.backend} engine, depth ${result.depth}, ` +
      `${result.openings} openings x 2 colours, seed ${result.seed}`,
  ];
  for (const m of result.matches) lines.push(...matchLines(m));
  if (league !== undefined) {
    lines.push(
      `Othello League score ${league.score.toFixed(3)} ${range(league.interval.low, league.interval.high, (x) => x.toFixed(3))} ` +
        `over ${int(league.games)} games (W/D/L ${league.wins}/${league.draws}/${league.losses}, discs ${signed(league.meanDiscDiff)}; 1-ply vs 1-ply standard WPC, epsilon 0.1)`,
    );
  }
  lines.push(
    result.promoted
      ? 'promotion: PASS (every threshold met)'
      : `promotion: FAIL (missed: ${result.failed.join(', ')})`,
  );
  return lines;
}

/**
 * `prismind-cli evaluate`: a gauntlet of a checkpoint against baselines and/or other checkpoints
 * from fixed openings, each with both colours, at a fixed depth; optionally the League score.
 */
export async function evaluateCommand(args: EvaluateArgs, io: CliIO): Promise<number> {
  const depth = args.depth ?? 2;
  const thresholds = { ...DEFAULT_THRESHOLDS, ...parseThresholds(args.thresholds ?? []) };
  const sprt = args.sprt === undefined ? undefined : parseSprt(args.sprt);
  const plies = args.plies ?? (sprt === undefined ? 4 : 6);
  const openings = standardOpenings({ plies, count: args.openings });
  const model = await loadEngine(args.checkpoint, args.backend ?? 'auto', io);
  const engines: Engine[] = [model.engine];
  try {
    const opponents = await makeOpponents(args, depth, io);
    engines.push(...opponents.engines.map((e) => e.engine));
    const live = io.stdout.isTTY === true && !args.json;
    let lastDraw = 0;
    const result = await runGauntlet({
      engine: model.engine,
      depth,
      opponents: opponents.players,
      openings,
      games: args.games,
      seed: args.seed ?? 1,
      thresholds,
      sprt,
      onGame: live
        ? (opponent, game, totals) => {
            const now = Date.now();
            if (now - lastDraw < 200) return;
            lastDraw = now;
            io.stdout.write(
              `\r\x1b[2Kvs ${opponent}: game ${game.index + 1}  +${totals.wins} =${totals.draws} -${totals.losses}`,
            );
          }
        : undefined,
    });
    if (live) io.stdout.write('\r\x1b[2K');
    const league = args.league
      ? await leagueScore({ engine: model.engine, games: args.leagueGames, seed: args.seed ?? 1 })
      : undefined;
    if (args.json) {
      const matches = result.matches.map(({ records, ...m }) => m);
      println(
        io.stdout,
        JSON.stringify(
          {
            checkpoint: model.path,
            skipped: model.skipped,
            modelGames: model.model.games,
            backend: model.backend,
            ...result,
            matches,
            league: league ?? null,
          },
          (_key, value) =>
            typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
          2,
        ),
      );
    } else {
      for (const line of evaluationLines(model, result, league)) println(io.stdout, line);
    }
    return args.strict && !result.promoted ? EXIT.NOT_PROMOTED : EXIT.OK;
  } finally {
    await Promise.all(engines.map((e) => e.dispose().catch(() => undefined)));
  }
}
