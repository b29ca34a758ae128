import { Position, squareToName } from '@prismind/board';
import type { Engine, SearchResult } from '@prismind/board/contracts';
import type { Readable } from 'node:stream';
import { type MovePlan, searchMove } from '../move-search';
import { type CommandHandler, runCommandQueue } from './command-queue';
import { parseGgf, parseMove, playMove } from './ggf';

/** How the engine plays over NBoard. */
export interface NBoardOptions {
  engine: Engine;
  /** What `set myname` announces. Default 'Prismind'. */
  name?: string | undefined;
  /**
   * Depth before the GUI's `set depth`. Default 4. With `moveTimeMs`, the cap of the budgeted
   * search instead (default: none).
   */
  depth?: number | undefined;
  /**
   * A time budget per move (ms): `go` searches by iterative deepening within it, solving exactly
   * when that fits (move-search.ts), until the GUI sends `set depth`: from then on, that depth.
   */
  moveTimeMs?: number | undefined;
  /** `set depth` is capped here (the GUI may ask for more than a pattern engine needs). Default 12. */
  maxDepth?: number | undefined;
  /** Solve exactly at this many empties or fewer. Default 10. */
  exactEmpties?: number | undefined;
  /** Diagnostics (never on the protocol stream). */
  log?: ((line: string) => void) | undefined;
  /** Problems with the input itself (an over-long line); stderr. Default: `log`. */
  warn?: ((line: string) => void) | undefined;
}

/** The protocol version this engine speaks. */
export const NBOARD_PROTOCOL_VERSION = 2;

function moveName(square: number): string {
  return square < 0 ? 'PA' : squareToName(square).toUpperCase();
}

function evalText(score: number): string {
  return score.toFixed(2);
}

/**
 * One NBoard conversation: `handle(line)` carries out a command and writes the engine's answers
 * through `send` (one line each). Commands are handled one at a time, in order, so a `ping` is
 * answered after everything before it (the protocol's way of synchronising); `stopSearch` cuts a
 * running `go` or `hint` short (it answers at once with the best found so far), which is what a
 * `ping` during a search needs (command-queue.ts).
 */
export class NBoardSession implements CommandHandler {
  private readonly engine: Engine;
  private readonly send: (line: string) => void;
  private readonly name: string;
  private readonly maxDepth: number;
  private readonly exactEmpties: number;
  private readonly log: (line: string) => void;
  private depth: number;
  private readonly moveTimeMs: number | undefined;
  /** The depth cap of a budgeted search (`options.depth` when given). */
  private readonly budgetDepth: number | undefined;
  /** Set by the GUI's `set depth`: search at that depth from then on. */
  private depthFromGui = false;
  private position: Position = Position.initial();
  /** The running search's stop, or null. */
  private searching: AbortController | null = null;
  /** The input has ended: every search from now on starts stopped. */
  private inputEnded = false;

  constructor(options: NBoardOptions, send: (line: string) => void) {
    this.engine = options.engine;
    this.send = send;
    this.name = options.name ?? 'Prismind';
    this.maxDepth = options.maxDepth ?? 12;
    this.depth = Math.min(options.depth ?? 4, this.maxDepth);
    this.moveTimeMs = options.moveTimeMs;
    this.budgetDepth = options.depth;
    this.exactEmpties = options.exactEmpties ?? 10;
    this.log = options.log ?? (() => undefined);
  }

  /** Stop the running search, if any: its command answers with the best move found so far. */
  stopSearch(): void {
    this.searching?.abort();
  }

  /** The input ended: stop the running search and every later one (the session is ending). */
  endInput(): void {
    this.inputEnded = true;
    this.stopSearch();
  }

  /** The position all further commands relate to. */
  get current(): Position {
    return this.position;
  }

  get searchDepth(): number {
    return this.depth;
  }

  /** Handles one command line; resolves to 'quit' when the GUI says so. */
  async handle(line: string): Promise<'quit' | undefined> {
    const text = line.trim();
    if (text === '') return undefined;
    const [command = '', ...rest] = text.split(/\s+/);
    try {
      switch (command) {
        case 'nboard':
          this.send(`set myname ${this.name}`);
          break;
        case 'set':
          this.set(rest[0] ?? '', text.replace(/^set\s+\S+\s*/, ''));
          break;
        case 'move':
          this.move(rest[0] ?? '');
          break;
        case 'hint':
          await this.stoppable(() => this.hint(Number(rest[0] ?? 1)));
          break;
        case 'go':
          await this.stoppable(() => this.go());
          break;
        case 'ping':
          this.send(`pong ${rest[0] ?? ''}`.trimEnd());
          break;
        case 'learn':
          // no learning from games played over NBoard; the GUI waits for this answer
          this.send('learned');
          break;
        case 'analyze':
        case 'contempt':
          break;
        case 'quit':
          return 'quit';
        default:
          this.log(`nboard: ignoring unknown command "${text}"`);
      }
    } catch (error) {
      this.log(`nboard: "${text}": ${(error as Error).message}`);
    }
    return undefined;
  }

  private set(what: string, value: string): void {
    if (what === 'depth') {
      const depth = Number.parseInt(value, 10);
      if (!(depth >= 1)) throw new Error(`depth "${value}": expected a positive integer`);
      this.depth = Math.min(depth, this.maxDepth);
      this.depthFromGui = true;
    } else if (what === 'game') {
      this.position = parseGgf(value).position;
    } else if (what === 'contempt') {
      // draws are scored as draws; contempt is not used
    } else {
      this.log(`nboard: ignoring "set ${what}"`);
    }
  }

  /** `move MOVE[/eval/time]`: a move of either side (ours too: the GUI echoes every move). */
  private move(text: string): void {
    const square = parseMove(text);
    const p = this.position;
    // a side that must pass may be skipped by a GUI that sends the other side's move at once
    const color = square >= 0 && p.mustPass() ? p.opponent : p.player;
    this.position = playMove(p, color, square);
  }

  /** How a search at `depth` runs: at that depth, or within the time budget (see moveTimeMs). */
  private plan(depth: number, share = 1): MovePlan {
    if (this.moveTimeMs === undefined || this.depthFromGui) {
      return { depth, exactEmpties: this.exactEmpties };
    }
    const moveTimeMs = Math.max(1, Math.floor(this.moveTimeMs * share));
    return { depth: this.budgetDepth, moveTimeMs, exactEmpties: this.exactEmpties };
  }

  private search(position: Position, plan: MovePlan): Promise<SearchResult> {
    return searchMove(this.engine, position, plan, this.searching?.signal);
  }

  /** Run `work` as the current search command: stopSearch (or the end of the input) stops it. */
  private async stoppable(work: () => Promise<void>): Promise<void> {
    const control = new AbortController();
    if (this.inputEnded) control.abort();
    this.searching = control;
    try {
      await work();
    } finally {
      this.searching = null;
    }
  }

  /** `100%` for a solved value; else the depth reached (a stopped search may reach less). */
  private depthText(result: SearchResult): string {
    return result.exact ? '100%' : String(result.depth);
  }

  /** `go`: the move for the side to move, `=== MOVE/eval/seconds` (eval in discs, mover's view). */
  private async go(): Promise<void> {
    const position = this.position;
    this.send(`status ${this.name} is thinking`);
    const started = performance.now();
    let move = -1;
    let score = 0;
    let nodes = 0;
    if (!position.isGameOver()) {
      try {
        const result = await this.search(position, this.plan(this.depth));
        move = position.mustPass() ? -1 : result.move;
        score = result.score;
        nodes = result.nodes;
      } catch (error) {
        // a GUI waits for its answer: a position the engine refuses (e.g. a board set up with
        // fewer than 4 discs) still gets a legal move, unevaluated
        this.log(
          `nboard: search failed (${(error as Error).message}); playing the first legal move`,
        );
        move = position.mustPass() ? -1 : (position.legalMoves()[0] ?? -1);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    this.send(`nodestats ${nodes} ${seconds.toFixed(3)}`);
    this.send(`=== ${moveName(move)}/${evalText(score)}/${seconds.toFixed(3)}`);
    this.send('status');
  }

  /**
   * `hint N`: the N best moves, each searched one ply shallower after it is played, as
   * `search MOVE eval 0 depth` lines (no book), best first.
   */
  private async hint(count: number): Promise<void> {
    const position = this.position;
    if (position.isGameOver()) return;
    this.send(`status ${this.name} is thinking`);
    const lines: { move: number; score: number; depth: string }[] = [];
    if (position.mustPass()) {
      const result = await this.search(position, this.plan(this.depth));
      lines.push({ move: -1, score: result.score, depth: this.depthText(result) });
    } else {
      const moves = position.legalMoves();
      for (const move of moves) {
        const child = position.play(move);
        // the budget of a move is shared by its candidates
        const plan = this.plan(Math.max(1, this.depth - 1), 1 / moves.length);
        const result = await this.search(child, plan);
        // the child is searched from its mover's view: the opponent unless it must pass
        const sign = child.player === position.player ? 1 : -1;
        lines.push({ move, score: sign * result.score, depth: this.depthText(result) });
      }
    }
    lines.sort((a, b) => b.score - a.score || a.move - b.move);
    const n = Number.isInteger(count) && count > 0 ? count : 1;
    for (const hint of lines.slice(0, n)) {
      this.send(`search ${moveName(hint.move)} ${evalText(hint.score)} 0 ${hint.depth}`);
    }
    this.send('status');
  }
}

/**
 * Speaks the NBoard protocol over `input` and `output` until `quit` or the end of the input.
 * Commands are read line by line as they arrive and handled in order; a `ping` or `quit` during a
 * search stops it (command-queue.ts).
 */
export async function runNBoard(
  input: Readable,
  output: { write(chunk: string): unknown },
  options: NBoardOptions,
): Promise<void> {
  const session = new NBoardSession(options, (line) => output.write(`${line}\n`));
  const warn = options.warn ?? options.log ?? (() => undefined);
  await runCommandQueue(input, session, warn);
}
