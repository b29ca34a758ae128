import { Position, squareToName } from '@prismind/board';
import { createJsEngine } from '@prismind/js-core';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { NBoardSession, runNBoard } from './session';

const engine = createJsEngine();
afterAll(() => engine.dispose());

function session(options: { depth?: number; maxDepth?: number } = {}) {
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
    const input = new PassThrough();
    let out = '';
    const output = {
      write: (c: string) => {
        out += c;
      },
    };
    const done = runNBoard(input, output, { engine, name: 'S' });
    input.write('nboard 2\nset depth 1\n');
    input.write(`set game ${START_GAME}\nping 1\ngo\nping 2\nquit\nping 3\n`);
    await done;
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('set myname S');
    expect(lines[1]).toBe('pong 1');
    expect(lines.indexOf('pong 2')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('===')));
    expect(lines).not.toContain('pong 3');
  });
});
