import { PrismindError } from '@prismind/board/contracts';
import type { BatchHooks } from './batch';

/** Options of createJsEngine. */
export interface JsEngineOptions {
  /** Stage count of a fresh model, 1..61 (default 30). setState may change it. */
  stages?: number | undefined;
  /**
   * Transposition-table budget in bytes per searcher (the engine's own and each training
   * worker's), half midgame, half endgame, each rounded down to a power of two of 32-byte entries.
   * Default 8 MiB.
   */
  ttBytes?: number | undefined;
  /** Fault injection for tests of failure handling; never set it in real runs. */
  testHooks?: BatchHooks | undefined;
}

export const DEFAULT_TT_BYTES: number = 8 * 1024 * 1024;
/** The largest table budget, the native backend's too (so options mean the same in both). */
export const MAX_TT_BYTES: number = 2 ** 30;

export interface ResolvedOptions {
  stages: number;
  ttBytes: number;
  testHooks: BatchHooks;
}

export function resolveOptions(options: JsEngineOptions): ResolvedOptions {
  const stages = options.stages ?? 30;
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
      `ttBytes is ${String(ttBytes)}; expected an integer 64..2^30 (1 GiB, as the native backend)`,
      { details: { ttBytes } },
    );
  }
  return { stages, ttBytes, testHooks: options.testHooks ?? {} };
}

/** INVALID_OPTIONS / INVALID_LIMITS listing zod's issues as `path: message`. */
export function issuesError(
  code: 'INVALID_OPTIONS' | 'INVALID_LIMITS',
  what: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): PrismindError {
  const problems = issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  return new PrismindError(code, `${what} are invalid: ${problems.join('; ')}`, {
    details: { problems },
  });
}
