/** xorshift32 in [0, 1) from `seed` (0 reads as 1). */
export function xorshift32(seed: number): () => number;
