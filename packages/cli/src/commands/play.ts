import { type Position, Position as Board, squareToName, toAscii } from '@prismind/board';
import type { BackendChoice, Engine } from '@prismind/board/contracts';
import { createInterface } from 'node:readline';
import { badArgument, EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { loadEngine } from '../model';
import { type MovePlan, planText, searchMove, secondsToMs } from '../move-search';
import { signed } from '../view/format';

export interface PlayArgs {
  checkpoint: string;
  /** The person's colour: black (moves first), white, or random. Default black. */
  color?: string | undefined;
  depth?: number | undefined;
  exactEmpties?: number | undefined;
  /** Per-move time budget in seconds; `depth`, if given too, caps it (move-search.ts). */
  moveTime?: number | undefined;
  backend?: BackendChoice | undefined;
  seed?: number | undefined;
}

const HELP =
  'enter a move like f5; "moves" lists the legal ones, "hint" asks the engine, "board" redraws, "quit" leaves';

function colorName(player: 1 | 2): string {
  return player === 1 ? 'black (X)' : 'white (O)';
}

function parseColor(text: string | undefined, seed: number | undefined): 1 | 2 {
  const c = (text ?? 'black').toLowerCase();
  if (c === 'black' || c === 'b' || c === 'x') return 1;
  if (c === 'white' || c === 'w' || c === 'o') return 2;
  if (c === 'random') return ((seed ?? Date.now()) & 1) === 0 ? 1 : 2;
  throw badArgument('--color', `"${text}": expected black, white or random`);
}

/** A line reader that also reports the end of the input. */
function lineReader(io: CliIO): { next(): Promise<string | null>; close(): void } {
  const rl = createInterface({
    input: io.stdin,
    terminal: false,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const iterator = rl[Symbol.asyncIterator]();
  return {
    async next() {
      const item = await iterator.next();
      return item.done ? null : item.value;
    },
    close: () => rl.close(),
  };
}

async function engineMove(
  engine: Engine,
  position: Position,
  plan: MovePlan,
): Promise<{ move: number; score: number; depth: number; nodes: number }> {
  const r = await searchMove(engine, position, plan);
  return { move: r.move, score: r.score, depth: r.depth, nodes: r.nodes };
}

/**
 * `prismind-cli play`: a person against a checkpoint in the terminal. The board is drawn after
 * every move; moves are read as square names and checked; the engine answers at a fixed depth or
 * within a time budget per move.
 */
export async function playCommand(args: PlayArgs, io: CliIO): Promise<number> {
  const human = parseColor(args.color, args.seed);
  const moveTimeMs = secondsToMs(args.moveTime);
  const depth = args.depth ?? (moveTimeMs === undefined ? 4 : undefined);
  const plan: MovePlan = { depth, moveTimeMs, exactEmpties: args.exactEmpties ?? 12 };
  const loaded = await loadEngine(args.checkpoint, args.backend ?? 'auto', io);
  const input = lineReader(io);
  const out = (line = '') => println(io.stdout, line);
  let position: Position = Board.initial();
  try {
    out(
      `you play ${colorName(human)} against ${loaded.path} (${loaded.backend} engine, ${planText(plan)})`,
    );
    out(HELP);
    out(toAscii(position));
    while (!position.isGameOver()) {
      if (position.mustPass()) {
        out(`${position.player === human ? 'you have' : 'the engine has'} no legal move: pass`);
        position = position.pass();
        continue;
      }
      if (position.player !== human) {
        const r = await engineMove(loaded.engine, position, plan);
        position = position.play(r.move);
        out(
          `engine plays ${squareToName(r.move)} (eval ${signed(r.score)} for the engine, depth ${r.depth})`,
        );
        out(toAscii(position));
        continue;
      }
      io.stdout.write(`your move (${colorName(human)}): `);
      const line = await input.next();
      if (line === null) {
        out();
        out('input ended; game abandoned');
        return EXIT.OK;
      }
      const text = line.trim().toLowerCase();
      if (text === '') continue;
      if (text === 'quit' || text === 'q' || text === 'exit') {
        out('game abandoned');
        return EXIT.OK;
      }
      if (text === 'moves' || text === '?') {
        out(`legal moves: ${position.legalMoves().map(squareToName).join(' ')}`);
        continue;
      }
      if (text === 'board') {
        out(toAscii(position));
        continue;
      }
      if (text === 'help') {
        out(HELP);
        continue;
      }
      if (text === 'hint') {
        const r = await engineMove(loaded.engine, position, plan);
        out(`hint: ${squareToName(r.move)} (eval ${signed(r.score)} for you)`);
        continue;
      }
      if (!/^[a-h][1-8]$/.test(text)) {
        out(`"${line.trim()}" is not a move; ${HELP}`);
        continue;
      }
      if (!position.isLegal(text)) {
        out(
          `${text} is not legal here; legal moves: ${position.legalMoves().map(squareToName).join(' ')}`,
        );
        continue;
      }
      position = position.play(text);
      out(toAscii(position));
    }
    const score = position.score();
    const mine = human === 1 ? score : -score;
    out(
      `game over: ${mine > 0 ? 'you win' : mine < 0 ? 'the engine wins' : 'draw'} ` +
        `(${signed(mine, 0)} discs for you)`,
    );
    return EXIT.OK;
  } finally {
    input.close();
    await loaded.engine.dispose().catch(() => undefined);
  }
}
