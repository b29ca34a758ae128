// The one xorshift32 of the repository's test and benchmark data: plain JavaScript, so that the
// TypeScript test helpers (random.ts) and the plain-node benchmark scripts (tools/bench-games.mjs)
// share it. Deliberately independent of the engines' RNG, so that a bug there cannot hide in the
// data that tests or measures it.

/** xorshift32 in [0, 1) from `seed` (0 reads as 1). */
export function xorshift32(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}
