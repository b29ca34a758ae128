/** Imports the native backend package; resolves to its module namespace. */
export type NativeImporter = () => Promise<unknown>;

/**
 * A variable specifier keeps bundlers and TypeScript from resolving the optional dependency at
 * build time: when `@prismind/native-core` is absent (its install failed or was skipped) the import
 * rejects at run time, and only then.
 */
const NATIVE_PACKAGE: string = '@prismind/native-core';

export const importNativeCore: NativeImporter = () => import(NATIVE_PACKAGE);

/** Why the import failed, in words: "not installed" is the common, harmless case. */
export function describeLoadFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const notFound =
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    /Cannot find (package|module)|Failed to (load|resolve)/.test(message);
  if (notFound && message.includes(NATIVE_PACKAGE)) {
    return `${NATIVE_PACKAGE} is not installed`;
  }
  return `${NATIVE_PACKAGE} failed to load: ${message}`;
}
