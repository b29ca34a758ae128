import { DEFAULT_STAGES, PrismindError } from '@prismind/board/contracts';

/** Options of createNativeEngine. */
export interface NativeEngineOptions {
  /** Stage count of the fresh model, 1..61 (default 30). setState may change it. */
  stages?: number | undefined;
  /**
   * Transposition-table budget in bytes of each search (half midgame, half endgame, each a power
   * of two of entries, at most 1 GiB); training workers use at most 2 MiB each. Default 8 MiB.
   */
  ttBytes?: number | undefined;
}

export const DEFAULT_TT_BYTES: number = 8 * 1024 * 1024;
/** The Rust core's cap on one searcher's tables (prismind_engine::MAX_TT_BYTES). */
export const MAX_TT_BYTES: number = 2 ** 30;

export interface ResolvedNativeOptions {
  stages: number;
  ttBytes: number;
}

/** Check the options at construction, saying what was given and what was expected. */
export function resolveNativeOptions(options: NativeEngineOptions = {}): ResolvedNativeOptions {
  if (typeof options !== 'object' || options === null) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `options is ${options === null ? 'null' : typeof options}; expected { stages?, ttBytes? }`,
    );
  }
  const stages = options.stages ?? DEFAULT_STAGES;
  if (!(Number.isInteger(stages) && stages >= 1 && stages <= 61)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `stages is ${String(stages)}; expected an integer 1..61`,
      { details: { stages } },
    );
  }
  const ttBytes = options.ttBytes ?? DEFAULT_TT_BYTES;
  if (!(Number.isInteger(ttBytes) && ttBytes >= 64 && ttBytes <= MAX_TT_BYTES)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `ttBytes is ${String(ttBytes)}; expected an integer 64..2^30 (1 GiB, the Rust core's limit)`,
      { details: { ttBytes } },
    );
  }
  return { stages, ttBytes };
}
