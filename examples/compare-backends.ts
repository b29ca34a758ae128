// The native (Rust) and TypeScript engines on the same positions: one model, both backends,
// evaluations and searches side by side, and how long each took. The native backend is skipped
// with a message when its binary is not available (CI builds it).
//
//   pnpm exec tsx compare-backends.ts [--positions 200] [--depth 4] [--small]
import { Position } from '@prismind/board';
import type { Engine } from '@prismind/board/contracts';
import { createJsEngine } from '@prismind/js-core';
import { createEngine } from '@prismind/trainer';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const small = process.argv.includes('--small');
const count = Number(arg('positions') ?? (small ? 40 : 200));
const depth = Number(arg('depth') ?? (small ? 3 : 4));

/** Positions from seeded random games: a few from the opening, midgame and endgame. */
function positions(n: number): Position[] {
  const out: Position[] = [];
  let x = 2024;
  while (out.length < n) {
    let p = Position.initial();
    while (!p.isGameOver() && out.length < n) {
      if (p.mustPass()) p = p.pass();
      const moves = p.legalMoves();
      x = (x * 1103515245 + 12345) >>> 0;
      p = p.play(moves[(x >>> 16) % moves.length]!);
      if ((x & 7) === 0 && !p.isGameOver()) out.push(p);
    }
  }
  return out;
}

// A model worth comparing: a few self-play games on the TypeScript engine.
const js = createJsEngine();
await js.train({ games: small ? 50 : 300, seed: 3 });

let native: Engine;
try {
  native = (await createEngine({ backend: 'native' })).engine;
} catch (error) {
  console.log(`native backend unavailable, comparison skipped: ${(error as Error).message}`);
  await js.dispose();
  process.exit(0);
}
native.setState(js.getState());

const list = positions(count);
let maxEvalDiff = 0;
let sameMoves = 0;
const time = { js: 0, native: 0 };
for (const p of list) {
  const cells = p.toCells();
  maxEvalDiff = Math.max(
    maxEvalDiff,
    Math.abs(js.evaluate(cells, p.player) - native.evaluate(cells, p.player)),
  );
  let t = performance.now();
  const a = await js.search(cells, p.player, { depth });
  time.js += performance.now() - t;
  t = performance.now();
  const b = await native.search(cells, p.player, { depth });
  time.native += performance.now() - t;
  if (a.move === b.move && Math.abs(a.score - b.score) < 1e-3) sameMoves++;
}
console.log(`${list.length} positions, search depth ${depth}`);
console.log(`largest evaluation difference: ${maxEvalDiff.toExponential(2)} discs`);
console.log(`same best move and score: ${sameMoves}/${list.length}`);
console.log(`search time: js ${time.js.toFixed(0)} ms, native ${time.native.toFixed(0)} ms`);
await Promise.all([js.dispose(), native.dispose()]);
if (maxEvalDiff > 1e-3 || sameMoves !== list.length) {
  console.error('the backends disagree');
  process.exit(1);
}
