import { type EngineOptions, resolveEngineOptions } from '@prismind/board/contracts';
import type { BatchHooks } from './batch';

// The limits are the contract's, shared with the native backend; re-exported as before.
export { DEFAULT_TT_BYTES, MAX_TT_BYTES } from '@prismind/board/contracts';

/** Options of createJsEngine. */
export interface JsEngineOptions extends EngineOptions {
  /**
   * Transposition-table budget in bytes per searcher (the engine's own and each training
   * worker's), half midgame, half endgame, each rounded down to a power of two of 32-byte entries.
   * 64..2^30 (1 GiB, as the native backend); default 8 MiB.
   */
  ttBytes?: number | undefined;
  /** Fault injection for tests of failure handling; never set it in real runs. */
  testHooks?: BatchHooks | undefined;
}

export interface ResolvedOptions {
  stages: number;
  ttBytes: number;
  testHooks: BatchHooks;
}

/** The contract's checks of stages and ttBytes (INVALID_OPTIONS), plus this backend's test hooks. */
export function resolveOptions(options: JsEngineOptions): ResolvedOptions {
  const { stages, ttBytes } = resolveEngineOptions(options);
  return { stages, ttBytes, testHooks: options.testHooks ?? {} };
}
