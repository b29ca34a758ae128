import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PrismindError } from '@prismind/board/contracts';
import type * as Binding from '../binding/index.cjs';

/** The generated napi-rs binding (binding/index.cjs, never edited by hand). */
export type NativeBinding = typeof Binding;

/**
 * Where the generated loader lives. src/ (vitest) and dist/ (the build) are both one level under
 * the package root, so one relative URL serves both.
 */
export const DEFAULT_BINDING_PATH: string = fileURLToPath(
  new URL('../binding/index.cjs', import.meta.url),
);

export const BUILD_HINT: string =
  'build it with `corepack pnpm -C packages/native-core build` (needs Rust and cargo installed), ' +
  'or use the TypeScript engine (backend "js")';

/**
 * Require the generated loader at `path`. A missing or unloadable binary (not built, built for
 * another platform, a broken file) is ENGINE_UNAVAILABLE saying what failed and how to build it.
 */
export function loadBinding(path: string = DEFAULT_BINDING_PATH): NativeBinding {
  let binding: unknown;
  try {
    binding = createRequire(import.meta.url)(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PrismindError(
      'ENGINE_UNAVAILABLE',
      `the native binary of @prismind/native-core did not load from ${path}: ${reason}; ${BUILD_HINT}`,
      { cause: error, details: { path } },
    );
  }
  const candidate = binding as Partial<NativeBinding> | null;
  if (typeof candidate?.NativeEngine !== 'function' || typeof candidate.version !== 'function') {
    throw new PrismindError(
      'ENGINE_UNAVAILABLE',
      `the native binding at ${path} does not export NativeEngine and version(); it is not this package's binary; ${BUILD_HINT}`,
      { details: { path } },
    );
  }
  return binding as NativeBinding;
}

let cached: { binding: NativeBinding } | { error: PrismindError } | undefined;

/** The binding, loaded once; a failure is remembered and thrown again on every call. */
export function nativeBinding(): NativeBinding {
  if (cached === undefined) {
    try {
      cached = { binding: loadBinding() };
    } catch (error) {
      cached = { error: error as PrismindError };
    }
  }
  if ('error' in cached) throw cached.error;
  return cached.binding;
}

export type NativeAvailability = { ok: true } | { ok: false; reason: string };

/** Whether the native binary loads here; when not, why (with the build hint). */
export function isNativeAvailable(): NativeAvailability {
  try {
    nativeBinding();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
