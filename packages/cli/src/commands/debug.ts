import {
  movesToTranscript,
  parseObf,
  type Position,
  Position as Board,
  replayTranscript,
  squareToName,
} from '@prismind/board';
import type { BackendChoice, Engine } from '@prismind/board/contracts';
import {
  type CheckpointComparison,
  type CsvKind,
  compareCheckpoints,
  Debugger,
  errorSummary,
  type GameTrace,
  type PatternView,
  type PositionTrace,
  visualizeBoard,
} from '@prismind/debug';
import { describeSkipped, readStoredGames } from '@prismind/trainer/run-dir';
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { badArgument, EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { loadModel, selectEngine } from '../model';
import { requireDirectory } from '../run-dir';
import { int, pct, signed, table } from '../view/format';

/** Where a debug command's model (and run files) come from. */
export interface DebugSource {
  /** A checkpoint file, or a run directory (its newest checkpoint that loads). */
  checkpoint?: string | undefined;
  /** The run directory (metrics, logs; its newest checkpoint when no --checkpoint). */
  runDir?: string | undefined;
  /** Engine for replays. Default auto. */
  backend?: BackendChoice | undefined;
}

/** A position given on the command line: OBF, then moves played from it (default the start). */
export interface PositionArgs {
  moves?: string | undefined;
  obf?: string | undefined;
}

export function positionOf(args: PositionArgs): Position {
  const start = args.obf === undefined ? Board.initial() : parseObf(args.obf, { minDiscs: 0 });
  return args.moves === undefined ? start : replayTranscript(args.moves, { start }).final;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

async function openDebugger(source: DebugSource, engine?: Engine): Promise<Debugger> {
  if (source.runDir !== undefined) requireDirectory(source.runDir);
  let checkpoint: string | undefined;
  let runDir = source.runDir;
  if (source.checkpoint !== undefined) {
    if (isDirectory(source.checkpoint) && runDir === undefined) runDir = source.checkpoint;
    else checkpoint = source.checkpoint;
  }
  if (checkpoint === undefined && runDir === undefined) {
    throw badArgument('--checkpoint', 'give a checkpoint (or --run-dir) to inspect');
  }
  return Debugger.open({ checkpoint, runDir, engine });
}

/** Runs `work` with a Debugger and releases it (and an engine made for it) afterwards. */
async function withDebugger(
  source: DebugSource,
  io: CliIO,
  work: (dbg: Debugger) => Promise<number>,
  needEngine = false,
): Promise<number> {
  const engine = needEngine ? (await selectEngine(source.backend ?? 'auto')).engine : undefined;
  try {
    const dbg = await openDebugger(source, engine);
    for (const line of describeSkipped(dbg.skipped)) println(io.stderr, line);
    try {
      return await work(dbg);
    } finally {
      await dbg.dispose();
    }
  } finally {
    await engine?.dispose();
  }
}

function printJson(io: CliIO, value: unknown): void {
  println(
    io.stdout,
    JSON.stringify(
      value,
      (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
      2,
    ),
  );
}

const fixed = (x: number, digits = 3) => signed(x, digits);

/** `debug board`: a position as ASCII (legal moves marked) or an SVG file. */
export async function debugBoardCommand(
  args: PositionArgs & { svg?: string | undefined; highlight?: string | undefined },
  io: CliIO,
): Promise<number> {
  const position = positionOf(args);
  const highlight = args.highlight
    ?.split(/[\s,]+/)
    .filter(Boolean)
    .map((name) => positionSquare(name));
  const options = { player: position.player, highlight };
  if (args.svg !== undefined) {
    await writeFile(args.svg, visualizeBoard(position.toCells(), { ...options, format: 'svg' }));
    println(io.stdout, `wrote ${args.svg}`);
  }
  println(io.stdout, visualizeBoard(position.toCells(), options));
  println(io.stdout, `OBF: ${position.toObf()}`);
  return EXIT.OK;
}

function positionSquare(name: string): number {
  if (!/^[a-hA-H][1-8]$/.test(name)) {
    throw badArgument('--highlight', `"${name}" is not a square; expected names like a1,b2`);
  }
  return name.toLowerCase().charCodeAt(0) - 97 + 8 * (Number(name[1]) - 1);
}

function patternLines(v: PatternView): string[] {
  const byStage = v.weightsByStage.map((w) => w.toFixed(2)).join(' ');
  return [
    `feature ${v.feature}: ${v.pattern} (shape ${v.shape}) instance ${v.instance}, symmetry ${v.symmetry}`,
    `  squares ${v.squares.map((s) => s.name).join(' ')}  digits ${v.digits}  index ${int(v.index)}`,
    `  stage ${v.stage}: weight ${fixed(v.weight)}; by stage: ${byStage}`,
    ...v.picture.split('\n').map((l) => `  ${l}`),
  ];
}

/** `debug pattern`: a pattern's squares, index and weights on a position. */
export async function debugPatternCommand(
  args: DebugSource & PositionArgs & { pattern: string; json?: boolean | undefined },
  io: CliIO,
): Promise<number> {
  const id = /^\d+$/.test(args.pattern) ? Number(args.pattern) : args.pattern;
  const position = positionOf(args);
  return withDebugger(args, io, async (dbg) => {
    const views = dbg.visualizePattern(position.toCells(), id);
    if (args.json) printJson(io, views);
    else for (const v of views) for (const line of patternLines(v)) println(io.stdout, line);
    return EXIT.OK;
  });
}

function positionTraceLines(t: PositionTrace): string[] {
  const rows = [['feature', 'pattern', 'instance', 'index', 'weight', 'increment']];
  for (const f of t.features) {
    rows.push([
      String(f.feature),
      f.pattern,
      String(f.instance),
      String(f.index),
      fixed(f.weight),
      String(f.increment),
    ]);
  }
  return [
    `stage ${t.stage}, value ${fixed(t.value)} (black's view, the sum of the 46 weights)`,
    ...table(rows),
  ];
}

function gameTraceLines(t: GameTrace): string[] {
  const num = (x: number | null) => (x === null ? '-' : fixed(x));
  const lines = [
    `position ${t.at} of ${t.plies} (move ${squareToName(t.move)}), lambda ${t.lambda}, ` +
      `${t.finished ? `finished, final score ${signed(t.finalScore ?? 0, 0)}` : 'unfinished game'}`,
    `V(x_k) ${fixed(t.values[t.at] ?? 0)}, delta_k ${num(t.deltas[t.at] ?? null)}, lambda-return error E_k ${num(t.lambdaReturnError)}`,
  ];
  const rows = [['feature', 'pattern', 'index', 'weight', 'gradient', 'trace now', 'trace at end']];
  for (const f of t.features) {
    rows.push([
      String(f.feature),
      `${f.pattern}#${f.instance}`,
      String(f.index),
      fixed(f.weight),
      num(f.gradient),
      (f.traces[0] ?? 0).toFixed(3),
      (f.traces.at(-1) ?? 0).toFixed(3),
    ]);
  }
  return [...lines, ...table(rows)];
}

/** `debug trace`: features, weights and eligibility traces of a position (alone or in a game). */
export async function debugTraceCommand(
  args: DebugSource &
    PositionArgs & {
      at?: number | undefined;
      lambda?: number | undefined;
      json?: boolean | undefined;
    },
  io: CliIO,
): Promise<number> {
  return withDebugger(args, io, async (dbg) => {
    const trace =
      args.at !== undefined
        ? dbg.inspectTrace({ moves: args.moves ?? '', at: args.at }, { lambda: args.lambda })
        : dbg.inspectTrace(positionOf(args).toCells());
    if (args.json) printJson(io, trace);
    else {
      const lines = 'plies' in trace ? gameTraceLines(trace) : positionTraceLines(trace);
      for (const line of lines) println(io.stdout, line);
    }
    return EXIT.OK;
  });
}

/** The lines of a checkpoint comparison: totals and the blocks that moved most. */
export function comparisonLines(c: CheckpointComparison, top: number): string[] {
  const t = c.total;
  const lines = [
    `games ${int(c.gamesA)} -> ${int(c.gamesB)} (${signed(c.gamesBetween, 0)}), Adam steps ${signed(c.stepsBetween, 0)}, ${c.stages} stages`,
    `changed ${int(t.changed)} of ${int(t.weights)} weights (${pct(t.changed / Math.max(1, t.weights))}), ` +
      `max |change| ${t.maxAbsChange.toFixed(4)}, mean |change| ${t.meanAbsChange.toExponential(3)}` +
      (t.nonFinite > 0 ? `, ${int(t.nonFinite)} not finite` : ''),
  ];
  const blocks = [...c.blocks].sort((a, b) => b.meanAbsChange - a.meanAbsChange).slice(0, top);
  if (blocks.length > 0 && top > 0) {
    lines.push(`the ${blocks.length} blocks that moved most (mean |change| over the block):`);
    const rows = [['pattern', 'stage', 'changed', 'max |change|', 'at index', 'mean |change|']];
    for (const b of blocks) {
      rows.push([
        b.pattern,
        String(b.stage),
        `${int(b.changed)}/${int(b.weights)}`,
        b.maxAbsChange.toFixed(4),
        String(b.maxIndex),
        b.meanAbsChange.toExponential(3),
      ]);
    }
    lines.push(...table(rows).map((l) => `  ${l}`));
  }
  return lines;
}

/** `debug compare A B` (also `checkpoint compare`): what changed between two checkpoints. */
export async function debugCompareCommand(
  args: { a: string; b: string; top?: number | undefined; json?: boolean | undefined },
  io: CliIO,
): Promise<number> {
  const a = await loadModel(args.a, io);
  const b = await loadModel(args.b, io);
  const comparison = await compareCheckpoints(a.model, b.model);
  if (args.json) printJson(io, comparison);
  else for (const line of comparisonLines(comparison, args.top ?? 10)) println(io.stdout, line);
  return EXIT.OK;
}

/** The moves to replay: given, or the run's stored game number `game` (games.jsonl). */
function replayedMoves(args: DebugSource & { moves?: string | undefined; game?: number }): string {
  if (args.game === undefined) {
    if (args.moves === undefined) throw badArgument('--moves', 'give --moves or --game');
    return args.moves;
  }
  const runDir = args.runDir ?? args.checkpoint;
  if (runDir === undefined || !isDirectory(runDir)) {
    throw badArgument('--game', 'a stored game is read from a run: give --run-dir');
  }
  const stored = readStoredGames(runDir);
  const found = stored.find((g) => g.game === args.game);
  if (found === undefined) {
    const some = stored.slice(-5).map((g) => g.game);
    throw badArgument(
      '--game',
      `${runDir} stores no game ${args.game}; ${stored.length} stored games${some.length > 0 ? `, the last: ${some.join(', ')}` : ''}`,
    );
  }
  return movesToTranscript(found.moves);
}

/** `debug replay`: a game through the engine, move by move, with its best moves. */
export async function debugReplayCommand(
  args: DebugSource & {
    moves?: string | undefined;
    /** A stored game of the run, by number, instead of --moves. */
    game?: number | undefined;
    depth?: number | undefined;
    verbose?: boolean | undefined;
    json?: boolean | undefined;
  },
  io: CliIO,
): Promise<number> {
  const moves = replayedMoves(args);
  return withDebugger(
    args,
    io,
    async (dbg) => {
      const result = await dbg.replayGame(moves, {
        depth: args.depth,
        verbose: args.verbose,
        log: args.json ? undefined : (line) => println(io.stdout, line),
      });
      if (args.json) printJson(io, result);
      else {
        println(
          io.stdout,
          `${result.plies.length} moves at depth ${result.depth}: ${pct(result.agreement)} agree with the engine; ` +
            `${result.finished ? 'final score' : 'disc difference'} ${signed(result.finalScore, 0)} (black minus white)`,
        );
      }
      return EXIT.OK;
    },
    true,
  );
}

/** `debug export-csv`: weights, metrics or errors as CSV. */
export async function debugExportCsvCommand(
  args: DebugSource & { kind: CsvKind; out: string; all?: boolean | undefined },
  io: CliIO,
): Promise<number> {
  return withDebugger(args, io, async (dbg) => {
    const written = await dbg.exportCsv(args.out, args.kind, { all: args.all });
    println(
      io.stdout,
      `wrote ${int(written.rows)} ${written.kind} rows to ${written.path} (${written.header.join(',')})`,
    );
    return EXIT.OK;
  });
}

/** `debug anomalies`: weights beyond a threshold and every non-finite one. */
export async function debugAnomaliesCommand(
  args: DebugSource & {
    threshold?: number | undefined;
    limit?: number | undefined;
    json?: boolean | undefined;
  },
  io: CliIO,
): Promise<number> {
  const threshold = args.threshold ?? 50;
  return withDebugger(args, io, async (dbg) => {
    const found = dbg.detectAnomalies(threshold, { limit: args.limit });
    if (args.json) {
      printJson(io, { threshold, count: found.length, anomalies: found });
      return EXIT.OK;
    }
    const nonFinite = found.filter((a) => a.kind === 'non-finite').length;
    println(
      io.stdout,
      `${found.length} weights with |w| > ${threshold} or not finite (${nonFinite} not finite)`,
    );
    const rows = [['kind', 'pattern', 'stage', 'index', 'value', 'offset']];
    for (const a of found.slice(0, 50)) {
      rows.push([
        a.kind,
        a.pattern,
        String(a.stage),
        String(a.index),
        String(a.value),
        String(a.offset),
      ]);
    }
    if (found.length > 0) for (const line of table(rows)) println(io.stdout, `  ${line}`);
    if (found.length > 50) println(io.stdout, `  ... ${found.length - 50} more (--json for all)`);
    return EXIT.OK;
  });
}

/** `debug errors`: the run's warnings and errors from logs/train.jsonl, grouped. */
export async function debugErrorsCommand(
  args: { runDir: string; json?: boolean | undefined },
  io: CliIO,
): Promise<number> {
  requireDirectory(args.runDir);
  const summary = await errorSummary(args.runDir);
  if (args.json) {
    printJson(io, summary);
    return EXIT.OK;
  }
  const l = summary.byLevel;
  println(
    io.stdout,
    `${summary.file}: ${int(summary.lines)} lines (${summary.unparsable} unparsable), ${int(summary.total)} warnings and errors ` +
      `(warn ${l.warn}, error ${l.error}, fatal ${l.fatal}, other ${l.other})`,
  );
  const rows = [['count', 'level', 'kind', 'example']];
  for (const g of summary.groups) {
    rows.push([String(g.count), g.levelName, g.key, g.example.error ?? g.example.message]);
  }
  if (summary.groups.length > 0) for (const line of table(rows)) println(io.stdout, `  ${line}`);
  return EXIT.OK;
}
