import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPrismindError } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BINDING_PATH, isNativeAvailable, loadBinding, nativeBinding } from './binding';
import { type HostPlatform, hostPlatform, platformKey, platformPackage } from './platform';

/** The generated loader copied into an empty temporary directory; its path. */
function copyOfLoader(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'prismind-binding-')), 'index.cjs');
  copyFileSync(DEFAULT_BINDING_PATH, path);
  return path;
}

interface LoadFailure {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * What loadBinding(path, host) throws in a fresh Node, as a consumer's would run it. In this
 * process a platform package could still resolve from anywhere: pnpm's bin shims (vitest's too)
 * put the workspace's hoisted packages, the platform packages among them, on NODE_PATH.
 */
function loadFailure(path: string, host?: HostPlatform): LoadFailure | null {
  const script = `
    import { loadBinding } from ${JSON.stringify(new URL('./binding.ts', import.meta.url).href)};
    try {
      loadBinding(${JSON.stringify(path)}, ${JSON.stringify(host)});
      console.log('null');
    } catch (e) {
      console.log(JSON.stringify({ code: e.code, message: e.message, details: e.details }));
    }`;
  const { NODE_PATH: _workspaceOnly, ...env } = process.env;
  const output = execFileSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '--eval', script],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), env, encoding: 'utf8' },
  );
  return JSON.parse(output);
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
    const failure = loadFailure(copyOfLoader());
    expect(failure?.code).toBe('NATIVE_BINARY_MISSING');
    const pkg = platformPackage(hostPlatform())!;
    const message = failure!.message;
    expect(message).toContain(`no native binary loaded for ${platformKey(hostPlatform())}`);
    expect(message).toContain(`${pkg}, the optional dependency`);
    expect(message).toContain(`(Cannot find module '${pkg}'`);
    expect(message).toContain('--backend js');
    expect(message).not.toMatch(/npm has a bug|pnpm -C|cargo/);
    expect(failure!.details).toMatchObject({ package: pkg });
  });

  it('a binary that is there but does not load: its own error, not "Cannot find module"', () => {
    const path = copyOfLoader();
    const triple = platformPackage(hostPlatform())!.replace('@prismind/native-core-', '');
    writeFileSync(join(dirname(path), `prismind.${triple}.node`), 'not a shared library');
    const failure = loadFailure(path);
    expect(failure?.code).toBe('NATIVE_BINARY_MISSING');
    const underlying = failure!.details.loadError as string;
    expect(underlying).toContain(`prismind.${triple}.node`);
    expect(underlying).not.toMatch(/^Cannot find module/);
  });

  it('refuses a module that is not this binding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prismind-binding-'));
    const path = join(dir, 'index.cjs');
    writeFileSync(path, 'module.exports = { hello: 1 };');
    let error: unknown;
    try {
      loadBinding(path);
    } catch (thrown) {
      error = thrown;
    }
    expect(isPrismindError(error, 'NATIVE_BINARY_MISSING')).toBe(true);
    expect((error as Error).message).toMatch(/does not export NativeEngine/);
  });

  it('names no package on a platform without a prebuilt binary', () => {
    const failure = loadFailure(copyOfLoader(), { platform: 'freebsd', arch: 'x64' });
    expect(failure?.code).toBe('NATIVE_BINARY_MISSING');
    expect(failure!.message).toContain('no native binary for freebsd-x64');
    expect(failure!.message).toContain('--backend js');
    expect(failure!.details).toMatchObject({ package: null });
  });
});
