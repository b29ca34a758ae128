import { PrismindError } from './errors';
import { DEFAULT_STAGES, MAX_STAGES } from './types';

/** The transposition-table budget of one searcher when none is given: 8 MiB. */
export const DEFAULT_TT_BYTES: number = 8 * 1024 * 1024;
/** The smallest budget: two entries of 32 bytes (one midgame, one endgame). */
export const MIN_TT_BYTES = 64;
/**
 * The largest budget, 1 GiB: the Rust core's cap (prismind_engine::MAX_TT_BYTES), which the
 * TypeScript engine keeps too, so an option means the same in both backends.
 */
export const MAX_TT_BYTES: number = 2 ** 30;

/** What every backend's construction options hold; a backend may add its own. */
export interface EngineOptions {
  /** Stage count of the fresh model, 1..61 (default 30). setState may change it. */
  stages?: number | undefined;
  /** Transposition-table budget in bytes per searcher, 64..2^30 (default 8 MiB). */
  ttBytes?: number | undefined;
}

export interface ResolvedEngineOptions {
  stages: number;
  ttBytes: number;
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

/**
 * Check the shared construction options and fill in the defaults. INVALID_OPTIONS, saying what was
 * given and what was expected, for options that are not an object, a stage count that is not an
 * integer 1..61, or a ttBytes that is not an integer 64..2^30. Other fields are left to the backend.
 */
export function resolveEngineOptions(options: unknown = {}): ResolvedEngineOptions {
  if (typeof options !== 'object' || options === null) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `engine options are ${kindOf(options)}; expected an object such as { stages?, ttBytes? }`,
    );
  }
  const given = options as EngineOptions;
  const stages = given.stages ?? DEFAULT_STAGES;
  if (!(Number.isInteger(stages) && stages >= 1 && stages <= MAX_STAGES)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `stages is ${String(stages)}; expected an integer 1..${MAX_STAGES}`,
      { details: { stages } },
    );
  }
  const ttBytes = given.ttBytes ?? DEFAULT_TT_BYTES;
  if (!(Number.isInteger(ttBytes) && ttBytes >= MIN_TT_BYTES && ttBytes <= MAX_TT_BYTES)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `ttBytes is ${String(ttBytes)}; expected an integer ${MIN_TT_BYTES}..2^30 (1 GiB, the Rust core's limit, kept by both backends)`,
      { details: { ttBytes } },
    );
  }
  return { stages, ttBytes };
}
