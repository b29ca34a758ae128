/**
 * Transposition tables in typed arrays: a power-of-two number of entries sized from a byte budget,
 * one slot per hash, always replaced. An entry stores the whole position (four int32 halves, and
 * for the midgame table the colour to move), so a hit is a full key match and can never be a
 * collision: that is what keeps cutoffs exact (docs/engine-spec.md, "Search"). Clearing bumps a
 * generation number instead of touching memory; entries of another generation read as empty.
 */

export const NO_MOVE = 64;
export const BOUND_EXACT = 0;
/** The true value is at least the stored one (the search failed high). */
export const BOUND_LOWER = 1;
/** The true value is at most the stored one (the search failed low). */
export const BOUND_UPPER = 2;

/** Largest power of two of entries of `entryBytes` that fits `bytes` (at least one). */
function entriesFor(bytes: number, entryBytes: number): number {
  const fit = Math.max(1, Math.floor(bytes / entryBytes));
  return 2 ** Math.floor(Math.log2(fit));
}

/** Slot hash of a position (multiply-xorshift over the halves; `side` 1 or 2 or 0). */
export function hashBoard(
  pLo: number,
  pHi: number,
  oLo: number,
  oHi: number,
  side: number,
): number {
  let h =
    Math.imul(pLo ^ Math.imul(pHi, 0x85ebca6b), 0x9e3779b1) ^
    Math.imul(oLo ^ Math.imul(oHi, 0xc2b2ae35), 0x27d4eb2f) ^
    side;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}

/**
 * Midgame entries, 32 bytes: int32 [pLo, pHi, oLo, oHi, generation, packed, value(f64)];
 * packed = depth | bound << 8 | best << 10 | side << 17.
 */
export class MidTable {
  readonly entries: number;
  readonly mask: number;
  readonly ints: Int32Array;
  readonly values: Float64Array;
  generation = 1;

  constructor(bytes: number) {
    this.entries = entriesFor(bytes, 32);
    this.mask = this.entries - 1;
    const buffer = new ArrayBuffer(this.entries * 32);
    this.ints = new Int32Array(buffer);
    this.values = new Float64Array(buffer);
  }

  get bytes(): number {
    return this.entries * 32;
  }

  clear(): void {
    this.generation = (this.generation + 1) | 0;
    if (this.generation === 0) {
      this.ints.fill(0);
      this.generation = 1;
    }
  }

  /**
   * The slot (entry index) holding exactly this position, or -1. `hash` is hashBoard(..., side).
   */
  find(hash: number, pLo: number, pHi: number, oLo: number, oHi: number, side: number): number {
    const e = hash & this.mask;
    const i = e << 3;
    const t = this.ints;
    if (
      t[i + 4] === this.generation &&
      t[i] === pLo &&
      t[i + 1] === pHi &&
      t[i + 2] === oLo &&
      t[i + 3] === oHi &&
      t[i + 5]! >>> 17 === side
    ) {
      return e;
    }
    return -1;
  }

  depthOf(e: number): number {
    return this.ints[(e << 3) + 5]! & 0xff;
  }

  boundOf(e: number): number {
    return (this.ints[(e << 3) + 5]! >>> 8) & 3;
  }

  bestOf(e: number): number {
    return (this.ints[(e << 3) + 5]! >>> 10) & 0x7f;
  }

  valueOf(e: number): number {
    return this.values[(e << 2) + 3]!;
  }

  store(
    hash: number,
    pLo: number,
    pHi: number,
    oLo: number,
    oHi: number,
    side: number,
    depth: number,
    bound: number,
    best: number,
    value: number,
  ): void {
    const e = hash & this.mask;
    const i = e << 3;
    const t = this.ints;
    t[i] = pLo;
    t[i + 1] = pHi;
    t[i + 2] = oLo;
    t[i + 3] = oHi;
    t[i + 4] = this.generation;
    t[i + 5] = depth | (bound << 8) | (best << 10) | (side << 17);
    this.values[(e << 2) + 3] = value;
  }
}

/**
 * Endgame entries, 32 bytes: int32 [pLo, pHi, oLo, oHi, generation, lower, upper, best]. The
 * exact value depends on the discs only (not on who is black), so the key is the board.
 */
export class EndTable {
  readonly entries: number;
  readonly mask: number;
  readonly ints: Int32Array;
  generation = 1;

  constructor(bytes: number) {
    this.entries = entriesFor(bytes, 32);
    this.mask = this.entries - 1;
    this.ints = new Int32Array(this.entries * 8);
  }

  get bytes(): number {
    return this.entries * 32;
  }

  clear(): void {
    this.generation = (this.generation + 1) | 0;
    if (this.generation === 0) {
      this.ints.fill(0);
      this.generation = 1;
    }
  }

  /** The int32 offset of the entry holding exactly this board, or -1. */
  find(hash: number, pLo: number, pHi: number, oLo: number, oHi: number): number {
    const i = (hash & this.mask) << 3;
    const t = this.ints;
    if (
      t[i + 4] === this.generation &&
      t[i] === pLo &&
      t[i + 1] === pHi &&
      t[i + 2] === oLo &&
      t[i + 3] === oHi
    ) {
      return i;
    }
    return -1;
  }

  store(
    hash: number,
    pLo: number,
    pHi: number,
    oLo: number,
    oHi: number,
    lower: number,
    upper: number,
    best: number,
  ): void {
    const i = (hash & this.mask) << 3;
    const t = this.ints;
    t[i] = pLo;
    t[i + 1] = pHi;
    t[i + 2] = oLo;
    t[i + 3] = oHi;
    t[i + 4] = this.generation;
    t[i + 5] = lower;
    t[i + 6] = upper;
    t[i + 7] = best;
  }
}
