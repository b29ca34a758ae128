import type { EngineOptions } from '@prismind/board/contracts';

// The contract's default, exported by this package as before; createNativeEngine checks the options
// with the contract's resolveEngineOptions (its MAX_TT_BYTES is prismind_engine::MAX_TT_BYTES).
export { DEFAULT_TT_BYTES } from '@prismind/board/contracts';

/** Options of createNativeEngine. */
export interface NativeEngineOptions extends EngineOptions {
  /**
   * Transposition-table budget in bytes of each search (half midgame, half endgame, each a power
   * of two of entries, at most 1 GiB); training workers use at most 2 MiB each. Default 8 MiB.
   */
  ttBytes?: number | undefined;
}
