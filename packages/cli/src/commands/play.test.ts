import { Position, squareToName } from '@prismind/board';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeModelCheckpoint } from '../../test/support/fixtures';
import { bufferedIO } from '../io';
import { runCli } from '../main';

const tmp = tempDir();
let model = '';
beforeAll(async () => {
  model = await writeModelCheckpoint(join(tmp.dir, 'model.prsm'));
});
afterAll(() => tmp.remove());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe('play', () => {
  it('a whole game: validates input, the engine answers, passes are played, the result is told', async () => {
    const io = bufferedIO();
    const done = runCli(
      ['play', '--checkpoint', model, '--depth', '1', '--backend', 'js', '--color', 'white'],
      io,
    );
    let position = Position.initial();
    let seen = 0;
    let prompts = 0;
    let sentBad = false;
    /** Applies what the output says happened since last time: engine moves and passes. */
    const follow = () => {
      const lines = io.out().slice(seen).split('\n');
      seen = io.out().length;
      for (const line of lines) {
        const engine = /^engine plays ([a-h][1-8])/.exec(line);
        if (engine) position = position.play(engine[1]!);
        else if (/no legal move: pass$/.test(line)) position = position.pass();
      }
    };
    while (!/game over/.test(io.out())) {
      await waitFor(
        () => io.out().split('your move').length - 1 > prompts || /game over/.test(io.out()),
        'a prompt',
      );
      if (/game over/.test(io.out())) break;
      prompts++;
      follow();
      if (!sentBad) {
        sentBad = true;
        io.input.write('z9\n');
        io.input.write('a1\n');
        io.input.write('moves\n');
        prompts += 3;
        await waitFor(() => io.out().split('your move').length - 1 >= prompts, 'the re-prompts');
        follow();
      }
      const move = position.legalMoves()[0]!;
      position = position.play(move);
      io.input.write(`${squareToName(move)}\n`);
    }
    expect(await done).toBe(0);
    follow();
    expect(position.isGameOver()).toBe(true);
    const out = io.out();
    expect(out).toContain('you play white (O)');
    expect(out).toContain('"z9" is not a move');
    expect(out).toMatch(/a1 is not legal here; legal moves: /);
    expect(out).toMatch(/legal moves: [a-h][1-8]/);
    expect(out).toContain('  a b c d e f g h');
    const mine = -position.score();
    const verdict = mine > 0 ? 'you win' : mine < 0 ? 'the engine wins' : 'draw';
    expect(out).toContain(`game over: ${verdict}`);
  });

  it('quit and the end of the input leave the game (exit 0)', async () => {
    const io = bufferedIO();
    io.input.end('quit\n');
    expect(await runCli(['play', '--checkpoint', model, '--backend', 'js'], io)).toBe(0);
    expect(io.out()).toContain('game abandoned');
    const io2 = bufferedIO();
    io2.input.end('hint\n');
    expect(await runCli(['play', '--checkpoint', model, '--backend', 'js'], io2)).toBe(0);
    expect(io2.out()).toMatch(/hint: [a-h][1-8]/);
    expect(io2.out()).toContain('input ended; game abandoned');
  });

  it('--move-time: the engine answers within its budget per move', async () => {
    const io = bufferedIO();
    const done = runCli(
      ['play', '--checkpoint', model, '--move-time', '0.3', '--backend', 'js', '--color', 'white'],
      io,
    );
    const started = performance.now();
    await waitFor(() => /your move/.test(io.out()), 'the first prompt');
    const took = performance.now() - started;
    io.input.end('quit\n');
    expect(await done).toBe(0);
    expect(io.out()).toContain('(js engine, 0.3 s per move)');
    expect(io.out()).toMatch(/engine plays [a-h][1-8] \(eval [-+]?\d/);
    // loading the checkpoint and starting the search thread come on top of the 300 ms
    expect(took).toBeGreaterThan(300);
    expect(took).toBeLessThan(3000);
  });
});
