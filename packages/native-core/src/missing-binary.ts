import { PrismindError } from '@prismind/board/contracts';
import { type HostPlatform, PLATFORM_PACKAGES, platformKey, platformPackage } from './platform';

const FALLBACK =
  "the fallback is the TypeScript engine, which runs everywhere: --backend js (createEngine({ backend: 'js' }))";

/** The error and its causes, outermost first. */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 16; ) {
    chain.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return chain;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}

/**
 * The one failure worth showing. The napi loader throws a generic "Cannot find native binding"
 * whose causes are the attempts it made (the file beside it, then the platform package); an
 * attempt that found something and failed (wrong glibc, a broken file) says more than a "Cannot
 * find module", so it comes first.
 */
export function underlyingLoadError(error: unknown, pkg: string | undefined): string {
  const chain = causeChain(error);
  const attempts = (chain.length > 1 ? chain.slice(1) : chain).map(firstLine);
  return (
    attempts.find((m) => !m.startsWith('Cannot find module')) ??
    attempts.find((m) => pkg !== undefined && m.includes(pkg)) ??
    attempts[0]!
  );
}

/**
 * NATIVE_BINARY_MISSING: no native binary loaded here. Names the platform, the package that
 * would have provided the binary, what the load said, and the fallback.
 */
export function missingBinaryError(host: HostPlatform, loadError: unknown): PrismindError {
  const platform = platformKey(host);
  const pkg = platformPackage(host);
  const underlying = underlyingLoadError(loadError, pkg);
  const message =
    pkg === undefined
      ? `no native binary for ${platform}: @prismind/native-core publishes binaries for ` +
        `${Object.keys(PLATFORM_PACKAGES).join(', ')} only (${underlying}); ${FALLBACK}`
      : `no native binary loaded for ${platform}: ${pkg}, the optional dependency of ` +
        `@prismind/native-core that provides it, did not load (${underlying}). Install that ` +
        `package; ${FALLBACK}`;
  return new PrismindError('NATIVE_BINARY_MISSING', message, {
    cause: loadError,
    details: { platform, package: pkg ?? null, loadError: underlying },
  });
}
