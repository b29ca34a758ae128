import { PrismindError, resolveEngineOptions } from '@prismind/board/contracts';
import { nativeBinding } from './binding';
import { fromNative } from './errors';
import { NativeBackedEngine, type NativeEngine } from './engine';
import type { NativeEngineOptions } from './options';

export { isNativeAvailable } from './binding';
export type { NativeAvailability } from './binding';
export type { NativeEngine } from './engine';
export { DEFAULT_TT_BYTES } from './options';
export type { NativeEngineOptions } from './options';

/**
 * The Rust engine behind the Engine contract. Throws INVALID_OPTIONS for bad options and
 * ENGINE_UNAVAILABLE (with the build command) when the native binary does not load.
 */
export function createNativeEngine(options?: NativeEngineOptions): NativeEngine {
  const resolved = resolveEngineOptions(options);
  return new NativeBackedEngine(nativeBinding(), resolved);
}

/** The version of the loaded native binary (equal to this package's). */
export function nativeVersion(): string {
  return nativeBinding().version();
}

/** Perft from the standard start in Rust, off the JS thread (a pass is a ply). */
export async function nativePerft(depth: number): Promise<number> {
  if (!(Number.isInteger(depth) && depth >= 1 && depth <= 20)) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `perft depth is ${depth}; expected an integer 1..20`,
    );
  }
  try {
    return await nativeBinding().perft(depth);
  } catch (error) {
    throw fromNative(error, 'perft');
  }
}
