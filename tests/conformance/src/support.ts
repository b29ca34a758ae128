import type { Engine } from '@prismind/board/contracts';
import { createNativeEngine } from '@prismind/native-core';
import { createJsEngine } from '@prismind/js-core';

export interface BackendPair {
  js: Engine;
  native: Engine;
}

/** Both backends with fresh models. The native one must load: CI builds it, the suite proves it. */
export function createBackends(): BackendPair {
  return { js: createJsEngine(), native: createNativeEngine() };
}

export async function disposeBackends(pair: BackendPair): Promise<void> {
  await Promise.all([pair.js.dispose(), pair.native.dispose()]);
}
