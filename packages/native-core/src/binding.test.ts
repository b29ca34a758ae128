import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isPrismindError, type PrismindError } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BINDING_PATH, isNativeAvailable, loadBinding, nativeBinding } from './binding';
import { type HostPlatform, hostPlatform, platformKey, platformPackage } from './platform';

/** The generated loader copied into an empty temporary directory; its path. */
function copyOfLoader(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'prismind-binding-')), 'index.cjs');
  copyFileSync(DEFAULT_BINDING_PATH, path);
  return path;
}

function loadError(path: string, host?: HostPlatform): unknown {
  try {
    loadBinding(path, host);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('the binding loader', () => {
  it('loads the built binary here', () => {
    expect(isNativeAvailable()).toEqual({ ok: true });
  });

  it('reports the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(nativeBinding().version()).toBe(pkg.version);
  });

  it('without the binary beside it or its platform package: NATIVE_BINARY_MISSING', () => {
    // The real generated loader, alone in a directory no platform package resolves from.
    const error = loadError(copyOfLoader());
    expect(isPrismindError(error, 'NATIVE_BINARY_MISSING')).toBe(true);
    const message = (error as Error).message;
    const pkg = platformPackage(hostPlatform())!;
    expect(message).toContain(`no native binary loaded for ${platformKey(hostPlatform())}`);
    expect(message).toContain(`${pkg}, the optional dependency`);
    expect(message).toContain(`(Cannot find module '${pkg}'`);
    expect(message).toContain('--backend js');
    expect(message).not.toMatch(/npm has a bug|pnpm -C|cargo/);
    expect((error as PrismindError).details).toMatchObject({ package: pkg });
  });

  it('a binary that is there but does not load: its own error, not "Cannot find module"', () => {
    const path = copyOfLoader();
    const triple = platformPackage(hostPlatform())!.replace('@prismind/native-core-', '');
    writeFileSync(join(dirname(path), `prismind.${triple}.node`), 'not a shared library');
    const error = loadError(path);
    expect(isPrismindError(error, 'NATIVE_BINARY_MISSING')).toBe(true);
    const { loadError: underlying } = (error as PrismindError).details as { loadError: string };
    expect(underlying).toContain(`prismind.${triple}.node`);
    expect(underlying).not.toMatch(/^Cannot find module/);
  });

  it('refuses a module that is not this binding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prismind-binding-'));
    const path = join(dir, 'index.cjs');
    writeFileSync(path, 'module.exports = { hello: 1 };');
    const error = loadError(path);
    expect(isPrismindError(error, 'NATIVE_BINARY_MISSING')).toBe(true);
    expect((error as Error).message).toMatch(/does not export NativeEngine/);
  });

  it('names no package on a platform without a prebuilt binary', () => {
    const host = { platform: 'freebsd', arch: 'x64' };
    const error = loadError(copyOfLoader(), host);
    expect(isPrismindError(error, 'NATIVE_BINARY_MISSING')).toBe(true);
    expect((error as Error).message).toContain('no native binary for freebsd-x64');
    expect((error as Error).message).toContain('--backend js');
    expect((error as PrismindError).details).toMatchObject({ package: null });
  });
});
