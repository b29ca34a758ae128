import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { PrismindError } from '@prismind/board/contracts';
import type * as Binding from '../binding/index.cjs';
import { missingBinaryError } from './missing-binary';
import { type HostPlatform, hostPlatform } from './platform';

/** The generated napi-rs binding (binding/index.cjs, never edited by hand). */
export type NativeBinding = typeof Binding;

/**
 * Where the generated loader lives. src/ (vitest) and dist/ (the build) are both one level under
 * the package root, so one relative URL serves both.
 */
export const DEFAULT_BINDING_PATH: string = fileURLToPath(
  new URL('../binding/index.cjs', import.meta.url),
);

/**
 * Require the generated loader at `path`. It loads the binary beside it (a development build) or
 * else the platform package (`@prismind/native-core-linux-x64-gnu`, ...). When neither loads (no
 * package for this platform, the wrong libc, a broken file) or what loads is not this package's
 * binding: NATIVE_BINARY_MISSING naming the platform, the package, the load error and the fallback.
 */
export function loadBinding(
  path: string = DEFAULT_BINDING_PATH,
  host?: HostPlatform,
): NativeBinding {
  // The host is only looked at on failure: telling glibc from musl reads Node's process report.
  let binding: unknown;
  try {
    binding = createRequire(import.meta.url)(path);
  } catch (error) {
    throw missingBinaryError(host ?? hostPlatform(), error);
  }
  const candidate = binding as Partial<NativeBinding> | null;
  if (typeof candidate?.NativeEngine !== 'function' || typeof candidate.version !== 'function') {
    const foreign = new Error(`${path} does not export NativeEngine and version()`);
    throw missingBinaryError(host ?? hostPlatform(), foreign);
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

/** Whether the native binary loads here; when not, why (NATIVE_BINARY_MISSING's message). */
export function isNativeAvailable(): NativeAvailability {
  try {
    nativeBinding();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
