import { FEATURE_COUNT, PATTERN_FEATURES, SHAPE_OFFSETS } from '@prismind/board';

/**
 * Fast feature extraction for the search. A position's 46 features are kept as *table offsets*
 * within a stage: SHAPE_OFFSETS[shape(f)] + index(f), so an evaluation is 46 loads at
 * stageBase + feats[f] with no further arithmetic. Two ways to get them:
 * - from scratch (extractInto): every disc adds its colour digit times 3^k to each feature that
 *   contains its square; the per-square (feature, 3^k) lists are precomputed below;
 * - incrementally (childFeaturesInto): a move adds the mover's digit at the placed square and
 *   changes the digit of each flipped square by ±1 (white 2 -> black 1 is -3^k, black -> white +3^k).
 * Both equal board's reference featureIndicesInto plus the shape offsets (tested).
 */

/** Features per position (46). */
export const NF: number = FEATURE_COUNT;

if (NF !== 46) throw new Error(`pattern set has ${NF} features; this engine is built for 46`);

/** FEATURE_BASE[f]: where feature f's shape table starts inside a stage. */
export const FEATURE_BASE: Int32Array = Int32Array.from(
  PATTERN_FEATURES,
  (f) => SHAPE_OFFSETS[f.shape]!,
);

/**
 * Per square s: entries SQ_START[s] .. SQ_START[s + 1] of SQ_FEATURE (a feature containing s) and
 * SQ_POW (3^k, the weight of s's digit in that feature's index).
 */
export const SQ_START: Int32Array = new Int32Array(65);
export const SQ_FEATURE: Int32Array = new Int32Array(
  PATTERN_FEATURES.reduce((n, f) => n + f.squares.length, 0),
);
export const SQ_POW: Int32Array = new Int32Array(SQ_FEATURE.length);

(function buildSquareTables(): void {
  const lists: [number, number][][] = Array.from({ length: 64 }, () => []);
  for (const f of PATTERN_FEATURES) {
    const n = f.squares.length;
    f.squares.forEach((sq, i) => {
      lists[sq]!.push([f.feature, 3 ** (n - 1 - i)]);
    });
  }
  let k = 0;
  for (let s = 0; s < 64; s++) {
    SQ_START[s] = k;
    for (const [feature, pow] of lists[s]!) {
      SQ_FEATURE[k] = feature;
      SQ_POW[k] = pow;
      k++;
    }
  }
  SQ_START[64] = k;
})();

/** Add `digit` · 3^k for every set square of the 32-bit half `bits` (squares offset + 0..31). */
function addDigits(bits: number, offset: number, digit: number, out: Int32Array, at: number): void {
  while (bits !== 0) {
    const bit = bits & -bits;
    bits ^= bit;
    const sq = offset + 31 - Math.clz32(bit);
    const end = SQ_START[sq + 1]!;
    for (let k = SQ_START[sq]!; k < end; k++) out[at + SQ_FEATURE[k]!]! += digit * SQ_POW[k]!;
  }
}

/**
 * The 46 feature table offsets (shape offset + base-3 index) of a position given as absolute
 * bitboards, written at out[at .. at + 46).
 */
export function extractInto(
  blackLo: number,
  blackHi: number,
  whiteLo: number,
  whiteHi: number,
  out: Int32Array,
  at: number,
): void {
  out.set(FEATURE_BASE, at);
  addDigits(blackLo, 0, 1, out, at);
  addDigits(blackHi, 32, 1, out, at);
  addDigits(whiteLo, 0, 2, out, at);
  addDigits(whiteHi, 32, 2, out, at);
}

/**
 * The child's features after a move: copy src[srcAt..+46) to dst[dstAt..+46), then add the mover's
 * digit at `sq` and turn the flipped squares (fLo, fHi) to the mover's colour. `src` and `dst` may
 * be the same array (with different or equal offsets).
 */
export function childFeaturesInto(
  src: Int32Array,
  srcAt: number,
  dst: Int32Array,
  dstAt: number,
  blackMoves: boolean,
  sq: number,
  fLo: number,
  fHi: number,
): void {
  if (src !== dst || srcAt !== dstAt) copy46(src, srcAt, dst, dstAt);
  const place = blackMoves ? 1 : 2;
  const flip = blackMoves ? -1 : 1;
  let end = SQ_START[sq + 1]!;
  for (let k = SQ_START[sq]!; k < end; k++) dst[dstAt + SQ_FEATURE[k]!]! += place * SQ_POW[k]!;
  while (fLo !== 0) {
    const bit = fLo & -fLo;
    fLo ^= bit;
    const s = 31 - Math.clz32(bit);
    end = SQ_START[s + 1]!;
    for (let k = SQ_START[s]!; k < end; k++) dst[dstAt + SQ_FEATURE[k]!]! += flip * SQ_POW[k]!;
  }
  while (fHi !== 0) {
    const bit = fHi & -fHi;
    fHi ^= bit;
    const s = 63 - Math.clz32(bit);
    end = SQ_START[s + 1]!;
    for (let k = SQ_START[s]!; k < end; k++) dst[dstAt + SQ_FEATURE[k]!]! += flip * SQ_POW[k]!;
  }
}

/** Copy one feature vector (46 values); a plain loop beats subarray/set for this size in V8. */
export function copy46(src: Int32Array, srcAt: number, dst: Int32Array, dstAt: number): void {
  for (let f = 0; f < 46; f++) dst[dstAt + f] = src[srcAt + f]!;
}

/** Table offsets back to the contract's base-3 indices (Uint32Array of 46). */
export function offsetsToIndices(feats: Int32Array, at: number): Uint32Array {
  const out = new Uint32Array(NF);
  for (let f = 0; f < NF; f++) out[f] = feats[at + f]! - FEATURE_BASE[f]!;
  return out;
}
