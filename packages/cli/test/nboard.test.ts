import { Position, squareToName } from '@prismind/board';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeModelCheckpoint } from './support/fixtures';
import { sleep, start, waitUntil } from './support/spawn';

const tmp = tempDir();
let model = '';
beforeAll(async () => {
  model = await writeModelCheckpoint(join(tmp.dir, 'model.prsm'), { games: 5 });
});
afterAll(() => tmp.remove());

function ggf(position: Position): string {
  const cells = position.toObf().slice(0, 64).replace(/X/g, '*');
  return `(;GM[Othello]PC[test]PB[engine]PW[script]TY[8]BO[8 ${cells} ${position.player === 1 ? '*' : 'O'}];)`;
}

/** The GUI's side: reads the engine's lines as they come. */
function reader(stdout: () => string) {
  let consumed = 0;
  return async (match: RegExp, what: string): Promise<string> => {
    let found: string | undefined;
    await waitUntil(
      () => {
        const lines = stdout().split('\n');
        lines.pop(); // a partial line waits
        for (let i = consumed; i < lines.length; i++) {
          if (match.test(lines[i]!)) {
            found = lines[i];
            consumed = i + 1;
            return true;
          }
        }
        return false;
      },
      what,
      30_000,
    );
    return found!;
  };
}

describe('prismind-cli nboard (spawned) plays a whole game against a scripted GUI opponent', () => {
  it('answers every go with a legal move until the game ends, then quits cleanly', async () => {
    const engine = start(['nboard', '--checkpoint', model, '--depth', '2', '--exact-empties', '6']);
    const send = (line: string) => engine.child.stdin!.write(`${line}\n`);
    const next = reader(engine.stdout);

    send('nboard 2');
    expect(await next(/^set myname /, 'set myname')).toBe('set myname Prismind-model');
    send('set depth 2');
    send('set contempt 0');
    send(`set game ${ggf(Position.initial())}`);
    send('ping 1');
    await next(/^pong 1$/, 'pong 1');

    let position = Position.initial();
    let x = 12345;
    let engineMoves = 0;
    let hints = 0;
    let pings = 1;
    while (!position.isGameOver()) {
      if (position.mustPass()) {
        send('move PA');
        position = position.pass();
        continue;
      }
      if (position.player === 1) {
        if (hints === 0 && engineMoves === 3) {
          send('hint 3');
          const hint = await next(/^search /, 'a hint');
          expect(hint).toMatch(/^search [A-H][1-8] -?\d+\.\d\d 0 \d+$/);
          expect(position.isLegal(hint.split(' ')[1]!.toLowerCase())).toBe(true);
          hints++;
        }
        send('go');
        const answer = await next(/^=== /, `the engine's move ${engineMoves + 1}`);
        const m = /^=== ([A-H][1-8])\/(-?\d+\.\d\d)\/(\d+\.\d+)$/.exec(answer);
        expect(m, answer).not.toBeNull();
        const square = m![1]!.toLowerCase();
        expect(position.isLegal(square), `${square} in ${position.toObf()}`).toBe(true);
        position = position.play(square);
        send(`move ${m![1]}/${m![2]}/${m![3]}`);
        engineMoves++;
      } else {
        // the scripted opponent: legal moves only, chosen by a small LCG
        const moves = position.legalMoves();
        x = (x * 1103515245 + 12345) >>> 0;
        const move = moves[(x >>> 16) % moves.length]!;
        position = position.play(move);
        send(`move ${squareToName(move).toUpperCase()}`);
      }
      if (engineMoves % 5 === 0) {
        pings++;
        send(`ping ${pings}`);
        await next(new RegExp(`^pong ${pings}$`), `pong ${pings}`);
      }
    }
    send('learn');
    await next(/^learned$/, 'learned');
    send('ping 999');
    await next(/^pong 999$/, 'pong 999');
    send('quit');
    const finished = await engine.done;
    expect(finished.code).toBe(0);
    expect(finished.stderr).toBe('');
    expect(engineMoves).toBeGreaterThan(10);
    // nothing but protocol lines on stdout
    for (const line of finished.stdout.trim().split('\n')) {
      expect(line).toMatch(/^(set myname |pong |status|nodestats |=== |search |learned$)/);
    }
  });
});

describe.each(['js', 'native'] as const)(
  'prismind-cli nboard --backend %s listens while it thinks',
  (backend) => {
    /** An engine at depth 20 on a midgame position (where depth 20 takes minutes). */
    async function thinking() {
      const engine = start([
        'nboard',
        '--checkpoint',
        model,
        '--backend',
        backend,
        '--max-depth',
        '20',
      ]);
      const send = (line: string) => engine.child.stdin!.write(`${line}\n`);
      const next = reader(engine.stdout);
      send('nboard 2');
      await next(/^set myname /, 'set myname');
      send('set depth 20');
      send(`set game ${ggf(Position.initial().play('f5').play('d6').play('c3'))}`);
      send('ping 1');
      await next(/^pong 1$/, 'pong 1');
      // warm: the JS backend starts its search thread on the first search
      send('go');
      await sleep(400);
      return { engine, send, next };
    }

    it('stops a deep go at a ping: === first, then pong, within 200 ms of the ping', async () => {
      const { engine, send, next } = await thinking();
      expect(engine.stdout()).not.toMatch(/^=== /m);
      // timed on the stream itself, not by polling the output
      let ponged = 0;
      engine.child.stdout!.on('data', (chunk: string) => {
        if (ponged === 0 && /^pong 2$/m.test(chunk)) ponged = performance.now();
      });
      const pinged = performance.now();
      send('ping 2');
      const answer = await next(/^=== /, 'the stopped answer');
      await next(/^pong 2$/, 'pong 2');
      expect(ponged - pinged).toBeLessThan(200);
      const square = /^=== ([A-H][1-8])\//.exec(answer)![1]!.toLowerCase();
      expect(Position.initial().play('f5').play('d6').play('c3').isLegal(square)).toBe(true);
      send('quit');
      expect((await engine.done).code).toBe(0);
    });

    it('ends promptly when the input ends during a search', async () => {
      const { engine } = await thinking();
      const closed = performance.now();
      engine.child.stdin!.end();
      const finished = await engine.done;
      expect(performance.now() - closed).toBeLessThan(1000);
      expect(finished.code).toBe(0);
    });

    it('refuses a huge line on stderr and still answers the next ping', async () => {
      const engine = start(['nboard', '--checkpoint', model, '--backend', backend]);
      const next = reader(engine.stdout);
      engine.child.stdin!.write(`set game ${'x'.repeat(4 * 1024 * 1024)}\nping 3\n`);
      await next(/^pong 3$/, 'pong 3');
      engine.child.stdin!.end('quit\n');
      const finished = await engine.done;
      expect(finished.code).toBe(0);
      expect(finished.stderr).toMatch(/an input line is longer than 65536 bytes; it is dropped/);
      expect(finished.stderr).not.toMatch(/RangeError/);
    });
  },
);
