import { Position, squareToName } from '@prismind/board';
import { createJsEngine } from '@prismind/js-core';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { NBoardSession, runNBoard } from './session';

const engine = createJsEngine();
afterAll(() => engine.dispose());

function session(options: { depth?: number; maxDepth?: number; moveTimeMs?: number } = {}) {
  const sent: string[] = [];
  const logged: string[] = [];
  const s = new NBoardSession(
    { engine, name: 'Test', exactEmpties: 6, log: (l) => logged.push(l), ...options },
    (line) => sent.push(line),
  );
  return { s, sent, logged };
}

/** A position (with at least 4 discs) where the side to move must pass, from a seeded random game. */
function passPosition(): Position {
  for (let seed = 1; ; seed++) {
    let p = Position.initial();
    let x = seed;
    while (!p.isGameOver()) {
      if (p.mustPass()) return p;
      const moves = p.legalMoves();
      x = (x * 1103515245 + 12345) >>> 0;
      p = p.play(moves[(x >>> 16) % moves.length]!);
    }
  }
}

function ggfOf(p: Position): string {
  const cells = p.toObf().slice(0, 64).replace(/X/g, '*');
  return `(;GM[Othello]TY[8]BO[8 ${cells} ${p.player === 1 ? '*' : 'O'}];)`;
}

const sleep = (ms: number): Promise<void> => new Promise((wake) => setTimeout(wake, ms));

/** Resolves once `condition` holds (polled every few ms; the test's timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(2);
}

/** A GUI's end of a conversation: input to write to, the engine's lines so far. */
function stream() {
  const input = new PassThrough();
  let out = '';
  const output = {
    write: (chunk: string) => {
      out += chunk;
    },
  };
  return { input, output, lines: () => out.split('\n').filter((l) => l !== '') };
}

const START_GAME =
  '(;GM[Othello]PC[NBoard]TY[8]BO[8 ---------------------------O*------*O--------------------------- *];)';

describe('NBoard session', () => {
  it('answers nboard with its name and ping with pong, ignores contempt, learns nothing', async () => {
    const { s, sent } = session();
    await s.handle('nboard 2');
    await s.handle('set contempt 0');
    await s.handle('ping 17');
    await s.handle('learn');
    expect(sent).toEqual(['set myname Test', 'pong 17', 'learned']);
    expect(await s.handle('quit')).toBe('quit');
  });

  it('set depth is capped; set game and move keep the position', async () => {
    const { s } = session({ maxDepth: 6 });
    await s.handle('set depth 20');
    expect(s.searchDepth).toBe(6);
    await s.handle(`set game ${START_GAME}`);
    await s.handle('move F5');
    await s.handle('move d6/-1.50/0.02');
    expect(s.current.player).toBe(1);
    expect(s.current.discs()).toBe(6);
  });

  it('go answers === MOVE/eval/time with a legal move and leaves the position to the GUI', async () => {
    const { s, sent } = session();
    await s.handle('set depth 2');
    await s.handle(`set game ${START_GAME}`);
    await s.handle('go');
    const answer = sent.find((l) => l.startsWith('=== '));
    expect(answer).toMatch(/^=== [A-H][1-8]\/-?\d+\.\d{2}\/\d+\.\d{3}$/);
    const move = answer!.slice(4, 6).toLowerCase();
    expect(Position.initial().isLegal(move)).toBe(true);
    expect(s.current.equals(Position.initial())).toBe(true);
    expect(sent.some((l) => /^nodestats \d+ \d+\.\d+$/.test(l))).toBe(true);
  });

  it('hint N gives N search lines, best first, for legal moves', async () => {
    const { s, sent } = session();
    await s.handle('set depth 3');
    await s.handle(`set game ${START_GAME}`);
    await s.handle('move f5');
    await s.handle('hint 2');
    const hints = sent.filter((l) => l.startsWith('search '));
    expect(hints).toHaveLength(2);
    const legal = new Set(
      Position.initial()
        .play('f5')
        .legalMoves()
        .map((m) => squareToName(m)),
    );
    const evals: number[] = [];
    for (const hint of hints) {
      const [, move, value, games, depth] = hint.split(' ');
      expect(legal.has(move!.toLowerCase())).toBe(true);
      expect(games).toBe('0');
      expect(depth).toBe('2');
      evals.push(Number(value));
    }
    expect(evals[0]).toBeGreaterThanOrEqual(evals[1]!);
  });

  it('answers a forced pass with PA, and ignores unknown or bad commands (logged)', async () => {
    const { s, sent, logged } = session();
    const stuck = passPosition();
    await s.handle(`set game ${ggfOf(stuck)}`);
    expect(s.current.equals(stuck)).toBe(true);
    await s.handle('go');
    expect(sent.find((l) => l.startsWith('==='))).toMatch(/^=== PA\//);
    await s.handle('frobnicate 3');
    await s.handle('move z9');
    await s.handle('set game (;GM[Othello]TY[10];)');
    expect(logged).toHaveLength(3);
    expect(logged[0]).toContain('unknown command');
    expect(s.current.mustPass()).toBe(true);
  });

  it('go still answers a legal move on a board the engine refuses (fewer than 4 discs)', async () => {
    const { s, sent, logged } = session();
    const cells = '-'.repeat(64).split('');
    // a1 white, a2 black, a3 white: three discs; black's a4 flips a3
    cells[0] = 'O';
    cells[8] = '*';
    cells[16] = 'O';
    await s.handle(`set game (;GM[Othello]TY[8]BO[8 ${cells.join('')} *];)`);
    await s.handle('go');
    const answer = sent.find((l) => l.startsWith('==='));
    const move = answer!.slice(4, 6).toLowerCase();
    expect(s.current.isLegal(move)).toBe(true);
    expect(logged[0]).toMatch(/search failed/);
  });

  it('runNBoard reads commands in order from a stream until quit', async () => {
    const { input, output, lines: linesSoFar } = stream();
    const done = runNBoard(input, output, { engine, name: 'S' });
    input.write('nboard 2\nset depth 1\n');
    input.write(`set game ${START_GAME}\nping 1\ngo\nping 2\nquit\nping 3\n`);
    await done;
    const lines = linesSoFar();
    expect(lines[0]).toBe('set myname S');
    expect(lines[1]).toBe('pong 1');
    expect(lines.indexOf('pong 2')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('===')));
    expect(lines).not.toContain('pong 3');
  });

  it('a ping during a deep go stops it: the go is answered first, then the pong, at once', async () => {
    const { input, output, lines } = stream();
    const done = runNBoard(input, output, { engine, name: 'S', maxDepth: 20 });
    input.write(`set depth 20\nset game ${START_GAME}\nmove f5\ngo\n`);
    await sleep(300);
    expect(lines().some((l) => l.startsWith('==='))).toBe(false);
    const pinged = performance.now();
    input.write('ping 1\n');
    await until(() => lines().includes('pong 1'));
    expect(performance.now() - pinged).toBeLessThan(200);
    const answer = lines().findIndex((l) => l.startsWith('==='));
    expect(answer).toBeGreaterThanOrEqual(0);
    expect(lines().indexOf('pong 1')).toBeGreaterThan(answer);
    const move = /^=== ([A-H][1-8])\//.exec(lines()[answer]!)![1]!.toLowerCase();
    expect(Position.initial().play('f5').isLegal(move)).toBe(true);
    input.end('quit\n');
    await done;
  });

  it('a ping during a hint stops it: the search lines come first, then the pong', async () => {
    const { input, output, lines } = stream();
    const done = runNBoard(input, output, { engine, name: 'S', maxDepth: 20 });
    input.write(`set depth 20\nset game ${START_GAME}\nhint 2\n`);
    await sleep(300);
    input.write('ping 7\n');
    await until(() => lines().includes('pong 7'));
    const hints = lines().filter((l) => l.startsWith('search '));
    expect(hints).toHaveLength(2);
    expect(lines().indexOf('pong 7')).toBeGreaterThan(lines().indexOf(hints[1]!));
    input.end();
    await done;
  });

  it('the end of the input during a search ends the session promptly', async () => {
    const { input, output, lines } = stream();
    const done = runNBoard(input, output, { engine, name: 'S', maxDepth: 20 });
    input.write(`set depth 20\nset game ${START_GAME}\ngo\n`);
    await sleep(300);
    const ended = performance.now();
    input.end();
    await done;
    expect(performance.now() - ended).toBeLessThan(200);
    expect(lines().some((l) => l.startsWith('==='))).toBe(true);
  });

  it('drops an over-long line with a warning and answers the next ping', async () => {
    const { input, output, lines } = stream();
    const warnings: string[] = [];
    const done = runNBoard(input, output, { engine, name: 'S', warn: (l) => warnings.push(l) });
    input.write(`set game ${'x'.repeat(3 * 1024 * 1024)}\nping 5\n`);
    await until(() => lines().includes('pong 5'));
    expect(warnings).toEqual([
      'nboard: an input line is longer than 65536 bytes; it is dropped up to its end and the session goes on',
    ]);
    input.end();
    await done;
  });

  it('with a move time, go searches within it until the GUI sets a depth, which wins', async () => {
    const { s, sent } = session({ moveTimeMs: 200 });
    await s.handle(`set game ${START_GAME}`);
    const started = performance.now();
    await s.handle('go');
    const took = performance.now() - started;
    expect(took).toBeGreaterThan(150);
    expect(took).toBeLessThan(350);
    expect(sent.find((l) => l.startsWith('==='))).toMatch(/^=== [A-H][1-8]\//);
    await s.handle('set depth 1');
    const fixed = performance.now();
    await s.handle('go');
    expect(performance.now() - fixed).toBeLessThan(100);
  });
});
