import { popcount32 } from './bits';

/**
 * Flips and play on the int32-halves board (see moves.ts for the representation). Nothing here
 * allocates.
 *
 * How flips are found without walking squares: RAYS holds, per square and direction, the squares
 * seen from it up to the edge. Along a ray, the first square that is not an opponent disc is the
 * lowest set bit of (ray & ~opponent) for rays toward higher squares, the highest for rays toward
 * lower squares (Math.clz32). When that square holds the mover's disc, the ray's squares before it
 * are flipped; otherwise (empty square, or opponent discs up to the edge) none are. The first
 * blocker may sit in the other half, which is where the lo/hi branches come from.
 *
 * The eight direction blocks are written out (not looped) and the body is repeated in
 * playInto: both measured faster in V8 (about 35% and 12%, bench/ and DECISIONS in README.md).
 */

/** Directions as (dcol, drow); the first four go to higher square indices, the last four lower. */
const DIRS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 1],
  [0, 1],
  [1, 1],
  [-1, 0],
  [1, -1],
  [0, -1],
  [-1, -1],
];

/** RAYS[sq * 16 + d * 2 + half]: squares seen from sq in direction d, sq excluded, to the edge. */
const RAYS: Int32Array = buildRays();

function buildRays(): Int32Array {
  const rays = new Int32Array(64 * 16);
  for (let sq = 0; sq < 64; sq++) {
    for (let d = 0; d < 8; d++) {
      const [dc, dr] = DIRS[d]!;
      let c = (sq & 7) + dc;
      let r = (sq >>> 3) + dr;
      while (c >= 0 && c < 8 && r >= 0 && r < 8) {
        const s = c + 8 * r;
        rays[sq * 16 + d * 2 + (s >>> 5)]! |= 1 << (s & 31);
        c += dc;
        r += dr;
      }
    }
  }
  return rays;
}

/**
 * The discs that playing `sq` (0..63) would flip, written at `out[at]` (lo) and `out[at + 1]`
 * (hi); both 0 when the move flips nothing. `sq` is assumed empty (not checked; use playInto for a
 * checked move).
 */
export function flipsInto(
  pLo: number,
  pHi: number,
  oLo: number,
  oHi: number,
  sq: number,
  out: Int32Array,
  at: number,
): void {
  const rays = RAYS;
  const b = sq << 4;
  const nLo = ~oLo;
  const nHi = ~oHi;
  let fLo = 0;
  let fHi = 0;
  let rLo = 0;
  let rHi = 0;
  let t = 0;
  let z = 0;
  // east (+1)
  rLo = rays[b + 0]!;
  rHi = rays[b + 1]!;
  t = rLo & nLo;
  if (t !== 0) {
    t &= -t;
    if ((t & pLo) !== 0) fLo |= rLo & (t - 1);
  } else {
    t = rHi & nHi;
    if (t !== 0) {
      t &= -t;
      if ((t & pHi) !== 0) {
        fLo |= rLo;
        fHi |= rHi & (t - 1);
      }
    }
  }
  // north-west (+7)
  rLo = rays[b + 2]!;
  rHi = rays[b + 3]!;
  t = rLo & nLo;
  if (t !== 0) {
    t &= -t;
    if ((t & pLo) !== 0) fLo |= rLo & (t - 1);
  } else {
    t = rHi & nHi;
    if (t !== 0) {
      t &= -t;
      if ((t & pHi) !== 0) {
        fLo |= rLo;
        fHi |= rHi & (t - 1);
      }
    }
  }
  // north (+8)
  rLo = rays[b + 4]!;
  rHi = rays[b + 5]!;
  t = rLo & nLo;
  if (t !== 0) {
    t &= -t;
    if ((t & pLo) !== 0) fLo |= rLo & (t - 1);
  } else {
    t = rHi & nHi;
    if (t !== 0) {
      t &= -t;
      if ((t & pHi) !== 0) {
        fLo |= rLo;
        fHi |= rHi & (t - 1);
      }
    }
  }
  // north-east (+9)
  rLo = rays[b + 6]!;
  rHi = rays[b + 7]!;
  t = rLo & nLo;
  if (t !== 0) {
    t &= -t;
    if ((t & pLo) !== 0) fLo |= rLo & (t - 1);
  } else {
    t = rHi & nHi;
    if (t !== 0) {
      t &= -t;
      if ((t & pHi) !== 0) {
        fLo |= rLo;
        fHi |= rHi & (t - 1);
      }
    }
  }
  // west (-1)
  rLo = rays[b + 8]!;
  rHi = rays[b + 9]!;
  t = rHi & nHi;
  if (t !== 0) {
    z = Math.clz32(t);
    if (pHi << z < 0) fHi |= rHi & ~(-1 >>> z);
  } else {
    t = rLo & nLo;
    if (t !== 0) {
      z = Math.clz32(t);
      if (pLo << z < 0) {
        fHi |= rHi;
        fLo |= rLo & ~(-1 >>> z);
      }
    }
  }
  // south-east (-7)
  rLo = rays[b + 10]!;
  rHi = rays[b + 11]!;
  t = rHi & nHi;
  if (t !== 0) {
    z = Math.clz32(t);
    if (pHi << z < 0) fHi |= rHi & ~(-1 >>> z);
  } else {
    t = rLo & nLo;
    if (t !== 0) {
      z = Math.clz32(t);
      if (pLo << z < 0) {
        fHi |= rHi;
        fLo |= rLo & ~(-1 >>> z);
      }
    }
  }
  // south (-8)
  rLo = rays[b + 12]!;
  rHi = rays[b + 13]!;
  t = rHi & nHi;
  if (t !== 0) {
    z = Math.clz32(t);
    if (pHi << z < 0) fHi |= rHi & ~(-1 >>> z);
  } else {
    t = rLo & nLo;
    if (t !== 0) {
      z = Math.clz32(t);
      if (pLo << z < 0) {
        fHi |= rHi;
        fLo |= rLo & ~(-1 >>> z);
      }
    }
  }
  // south-west (-9)
  rLo = rays[b + 14]!;
  rHi = rays[b + 15]!;
  t = rHi & nHi;
  if (t !== 0) {
    z = Math.clz32(t);
    if (pHi << z < 0) fHi |= rHi & ~(-1 >>> z);
  } else {
    t = rLo & nLo;
    if (t !== 0) {
      z = Math.clz32(t);
      if (pLo << z < 0) {
        fHi |= rHi;
        fLo |= rLo & ~(-1 >>> z);
      }
    }
  }
  out[at] = fLo;
  out[at + 1] = fHi;
}

/**
 * Play `sq` (0..63) for the side to move and write the child board at `out[at..at+3]`, already
 * from the new side to move's view: child (pLo, pHi, oLo, oHi) = (opponent ^ flips, mover | flips
 * | square). Returns the number of discs flipped; 0 means the move is illegal (occupied square or
 * nothing to flip) and then nothing is written. `out` may be the array the inputs came from.
 */
export function playInto(
  pLo: number,
  pHi: number,
  oLo: number,
  oHi: number,
  sq: number,
  out: Int32Array,
  at: number,
): number {
  const sLo = sq < 32 ? 1 << sq : 0;
  const sHi = sq < 32 ? 0 : 1 << (sq - 32);
  if (((pLo | oLo) & sLo) !== 0 || ((pHi | oHi) & sHi) !== 0) return 0;
  const rays = RAYS;
  const b = sq << 4;
  const nLo = ~oLo;
  const nHi = ~oHi;
  let fLo = 0;
  let fHi = 0;
  let rLo = 0;
  let rHi = 0;
  let t = 0;
  let z = 0;
  // east (+1)
  rLo = rays[b + 0]!;
  rHi = rays[b + 1]!;
  t = rLo & nLo;
  if (t !== 0) {
    t &= -t;
    if ((t & pLo) !== 0) fLo |= rLo & (t - 1);
  } else {
    t = rHi & nHi;
    if (t !== 0) {
      t &= -t;
      if ((t & pHi) !== 0) {
        fLo |= rLo;
        fHi |= rHi & (t - 1);
      }
    }
  }
  // north-west (+7)
  rLo = rays[b + 2]!;
  rHi = rays[b + 3]!;
  t = rLo & nLo;
  if (t !== 0) {
    t &= -t;
    if ((t & pLo) !== 0) fLo |= rLo & (t - 1);
  } else {
    t = rHi & nHi;
    if (t !== 0) {
      t &= -t;
      if ((t & pHi) !== 0) {
        fLo |= rLo;
        fHi |= rHi & (t - 1);
      }
    }
  }
  // north (+8)
  rLo = rays[b + 4]!;
  rHi = rays[b + 5]!;
  t = rLo & nLo;
  if (t !== 0) {
    t &= -t;
    if ((t & pLo) !== 0) fLo |= rLo & (t - 1);
  } else {
    t = rHi & nHi;
    if (t !== 0) {
      t &= -t;
      if ((t & pHi) !== 0) {
        fLo |= rLo;
        fHi |= rHi & (t - 1);
      }
    }
  }
  // north-east (+9)
  rLo = rays[b + 6]!;
  rHi = rays[b + 7]!;
  t = rLo & nLo;
  if (t !== 0) {
    t &= -t;
    if ((t & pLo) !== 0) fLo |= rLo & (t - 1);
  } else {
    t = rHi & nHi;
    if (t !== 0) {
      t &= -t;
      if ((t & pHi) !== 0) {
        fLo |= rLo;
        fHi |= rHi & (t - 1);
      }
    }
  }
  // west (-1)
  rLo = rays[b + 8]!;
  rHi = rays[b + 9]!;
  t = rHi & nHi;
  if (t !== 0) {
    z = Math.clz32(t);
    if (pHi << z < 0) fHi |= rHi & ~(-1 >>> z);
  } else {
    t = rLo & nLo;
    if (t !== 0) {
      z = Math.clz32(t);
      if (pLo << z < 0) {
        fHi |= rHi;
        fLo |= rLo & ~(-1 >>> z);
      }
    }
  }
  // south-east (-7)
  rLo = rays[b + 10]!;
  rHi = rays[b + 11]!;
  t = rHi & nHi;
  if (t !== 0) {
    z = Math.clz32(t);
    if (pHi << z < 0) fHi |= rHi & ~(-1 >>> z);
  } else {
    t = rLo & nLo;
    if (t !== 0) {
      z = Math.clz32(t);
      if (pLo << z < 0) {
        fHi |= rHi;
        fLo |= rLo & ~(-1 >>> z);
      }
    }
  }
  // south (-8)
  rLo = rays[b + 12]!;
  rHi = rays[b + 13]!;
  t = rHi & nHi;
  if (t !== 0) {
    z = Math.clz32(t);
    if (pHi << z < 0) fHi |= rHi & ~(-1 >>> z);
  } else {
    t = rLo & nLo;
    if (t !== 0) {
      z = Math.clz32(t);
      if (pLo << z < 0) {
        fHi |= rHi;
        fLo |= rLo & ~(-1 >>> z);
      }
    }
  }
  // south-west (-9)
  rLo = rays[b + 14]!;
  rHi = rays[b + 15]!;
  t = rHi & nHi;
  if (t !== 0) {
    z = Math.clz32(t);
    if (pHi << z < 0) fHi |= rHi & ~(-1 >>> z);
  } else {
    t = rLo & nLo;
    if (t !== 0) {
      z = Math.clz32(t);
      if (pLo << z < 0) {
        fHi |= rHi;
        fLo |= rLo & ~(-1 >>> z);
      }
    }
  }
  if ((fLo | fHi) === 0) return 0;
  out[at] = oLo ^ fLo;
  out[at + 1] = oHi ^ fHi;
  out[at + 2] = pLo | fLo | sLo;
  out[at + 3] = pHi | fHi | sHi;
  return popcount32(fLo) + popcount32(fHi);
}

/**
 * Pass: write the board with the sides swapped at `out[at..at+3]`. Legal only when the side to
 * move has no move (not checked here).
 */
export function passInto(
  pLo: number,
  pHi: number,
  oLo: number,
  oHi: number,
  out: Int32Array,
  at: number,
): void {
  out[at] = oLo;
  out[at + 1] = oHi;
  out[at + 2] = pLo;
  out[at + 3] = pHi;
}
