// Benchmark of @prismind/board's fast core, run against the BUILT package (pnpm build first).
// Prints one JSON object: perft leaves/s (bulk-counted last ply, median of runs) at depths 8 and
// 9, move generation and play rates over positions from seeded random games, the immutable API's
// play rate, and a BigInt move generator for comparison.
import {
  Position,
  START_O_HI,
  START_O_LO,
  START_P_HI,
  START_P_LO,
  legalMovesInto,
  perft,
  playInto,
} from '../dist/index.js';
import { legalMovesBigInt } from './bigint-movegen.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The machine may be shared: the median is the figure, the best run shows the unloaded speed.
const summary = (rates) => ({
  median: Math.round(median(rates)),
  best: Math.round(Math.max(...rates)),
});

function perftRate(depth, runs) {
  perft(START_P_LO, START_P_HI, START_O_LO, START_O_HI, depth); // warm-up
  const rates = [];
  let leaves = 0;
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    leaves = perft(START_P_LO, START_P_HI, START_O_LO, START_O_HI, depth);
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    rates.push(leaves / s);
  }
  const { median: leavesPerSec, best: bestLeavesPerSec } = summary(rates);
  return { depth, leaves, runs, leavesPerSec, bestLeavesPerSec };
}

// Positions from seeded random games (xorshift32), as the four halves, plus their move sets.
function samplePositions(count) {
  let seed = 2463534242;
  const rnd = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const boards = new Int32Array(count * 4);
  const moves = new Int32Array(count * 2);
  const s = new Int32Array(8);
  let n = 0;
  while (n < count) {
    let [pLo, pHi, oLo, oHi] = [START_P_LO, START_P_HI, START_O_LO, START_O_HI];
    for (;;) {
      legalMovesInto(pLo, pHi, oLo, oHi, s, 0);
      const list = [];
      for (let q = 0; q < 64; q++) if ((s[q >>> 5] >>> (q & 31)) & 1) list.push(q);
      if (list.length === 0) {
        legalMovesInto(oLo, oHi, pLo, pHi, s, 2);
        if ((s[2] | s[3]) === 0 || n >= count) break;
        [pLo, pHi, oLo, oHi] = [oLo, oHi, pLo, pHi];
        continue;
      }
      if (n >= count) break;
      boards.set([pLo, pHi, oLo, oHi], n * 4);
      moves.set([s[0], s[1]], n * 2);
      n++;
      playInto(pLo, pHi, oLo, oHi, list[Math.floor(rnd() * list.length)], s, 4);
      [pLo, pHi, oLo, oHi] = [s[4], s[5], s[6], s[7]];
    }
  }
  return { boards, moves, count };
}

function rate(fn, ops, runs = 9) {
  fn(); // warm-up
  const rates = [];
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    fn();
    rates.push(ops / (Number(process.hrtime.bigint() - t) / 1e9));
  }
  return summary(rates);
}

const { boards, moves, count } = samplePositions(20_000);
const out = new Int32Array(8);
let sink = 0;

const REPEAT = 25;
const movegen = rate(() => {
  for (let r = 0; r < REPEAT; r++) {
    for (let i = 0; i < count * 4; i += 4) {
      legalMovesInto(boards[i], boards[i + 1], boards[i + 2], boards[i + 3], out, 0);
      sink ^= out[0] ^ out[1];
    }
  }
}, count * REPEAT);

let playsPerPass = 0;
for (let i = 0; i < count; i++) {
  for (let q = 0; q < 64; q++) if ((moves[2 * i + (q >>> 5)] >>> (q & 31)) & 1) playsPerPass++;
}
const play = rate(() => {
  for (let r = 0; r < 5; r++) {
    for (let i = 0; i < count; i++) {
      const b = 4 * i;
      let lo = moves[2 * i];
      let hi = moves[2 * i + 1];
      while (lo !== 0) {
        const bit = lo & -lo;
        lo ^= bit;
        sink += playInto(
          boards[b],
          boards[b + 1],
          boards[b + 2],
          boards[b + 3],
          31 - Math.clz32(bit),
          out,
          0,
        );
      }
      while (hi !== 0) {
        const bit = hi & -hi;
        hi ^= bit;
        sink += playInto(
          boards[b],
          boards[b + 1],
          boards[b + 2],
          boards[b + 3],
          63 - Math.clz32(bit),
          out,
          0,
        );
      }
    }
  }
}, playsPerPass * 5);

const SAMPLE = 2000;
const positions = [];
for (let i = 0; i < SAMPLE; i++) {
  const b = 4 * i;
  positions.push(Position.fromBoard(boards[b], boards[b + 1], boards[b + 2], boards[b + 3], 1));
}
let immutablePlays = 0;
for (const p of positions) immutablePlays += p.legalMoves().length;
const immutablePlay = rate(() => {
  for (const p of positions) for (const m of p.legalMoves()) sink += p.play(m).pLo;
}, immutablePlays);

const bigBoards = [];
for (let i = 0; i < SAMPLE; i++) {
  const b = 4 * i;
  const big = (lo, hi) => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  bigBoards.push([big(boards[b], boards[b + 1]), big(boards[b + 2], boards[b + 3])]);
}
const bigintMovegen = rate(() => {
  for (const [p, o] of bigBoards) sink ^= Number(legalMovesBigInt(p, o) & 1n);
}, SAMPLE);

const depth8 = perftRate(8, 9);
const depth9 = perftRate(9, 7);

console.log(
  JSON.stringify(
    {
      bench: '@prismind/board perft + fast core',
      node: process.version,
      perft: { depth8, depth9 },
      perftLeavesPerSec: depth9.leavesPerSec,
      movegenPerSec: movegen.median,
      playPerSec: play.median,
      immutablePlayPerSec: immutablePlay.median,
      best: {
        perftLeavesPerSec: depth9.bestLeavesPerSec,
        movegenPerSec: movegen.best,
        playPerSec: play.best,
        immutablePlayPerSec: immutablePlay.best,
      },
      bigintMovegenPerSec: bigintMovegen.median,
      int32VsBigintMovegen: Math.round((movegen.median / bigintMovegen.median) * 10) / 10,
      positions: count,
      sink: sink & 1,
    },
    null,
    2,
  ),
);
