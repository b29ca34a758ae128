/**
 * The one random generator both backends share (docs/engine-spec.md, "Random numbers"): splitmix32
 * to seed, xoshiro128** to draw. All arithmetic is u32 modulo 2^32: Math.imul for products, `>>> 0`
 * where a value must read as unsigned. Internally the state words are kept as int32 bit patterns
 * (V8 keeps them as small integers that way).
 */

const GOLDEN = 0x9e3779b9;

/** One splitmix32 step from `state`: returns [next state, output] packed as the output only. */
function mix(z: number): number {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Four successive splitmix32 outputs from state `x` (u32). splitmix32 adds the golden gamma first,
 * then mixes: output i is mix(x + (i + 1) · gamma).
 */
export function splitmix32Sequence(x: number, count: number): number[] {
  const out: number[] = [];
  let state = x >>> 0;
  for (let i = 0; i < count; i++) {
    state = (state + GOLDEN) >>> 0;
    out.push(mix(state));
  }
  return out;
}

/** xoshiro128** with the spec's seeding. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A generator from a raw state (u32 words); an all-zero state becomes [1, 0, 0, 0]. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** Seeded from four successive splitmix32 outputs of state `x`. */
  static fromSplitmix(x: number): Rng {
    const [a, b, c, d] = splitmix32Sequence(x, 4) as [number, number, number, number];
    return new Rng(a, b, c, d);
  }

  /**
   * The generator of self-play game `game` (0-based, global; any non-negative safe integer) in a
   * run seeded `seed` (u32): splitmix state seed ^ ((game + 1) · 0x9E3779B9 mod 2^32).
   */
  static forGame(seed: number, game: number): Rng {
    // ToUint32 of game + 1 is its value mod 2^32, exact for integers below 2^53.
    const g = (game + 1) >>> 0;
    return Rng.fromSplitmix((seed ^ Math.imul(g, GOLDEN)) >>> 0);
  }

  /** The state words as u32. */
  state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** The next u32 output. */
  next(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    let s2 = this.s2 ^ this.s0;
    let s3 = this.s3 ^ s1;
    const n1 = s1 ^ s2;
    const n0 = this.s0 ^ s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    this.s0 = n0;
    this.s1 = n1;
    this.s2 = s2;
    this.s3 = s3;
    return result;
  }

  /** Uniform in [0, 1) with 24 bits: (next() >>> 8) / 2^24, exact in f32 and f64. */
  nextFloat(): number {
    return (this.next() >>> 8) / 16777216;
  }

  /** Uniform in 0..n-1 as floor(nextFloat() · n). */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }
}
