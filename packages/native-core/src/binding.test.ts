import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPrismindError } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import { isNativeAvailable, loadBinding, nativeBinding } from './binding';

function loadError(path: string): unknown {
  try {
    loadBinding(path);
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

  it('turns a missing binary into ENGINE_UNAVAILABLE with the build command', () => {
    const error = loadError('/nonexistent/prismind/binding/index.cjs');
    expect(isPrismindError(error, 'ENGINE_UNAVAILABLE')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('/nonexistent/prismind/binding/index.cjs');
    expect(message).toContain('corepack pnpm -C packages/native-core build');
    expect(message).toContain('cargo');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('refuses a module that is not this binding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prismind-binding-'));
    const path = join(dir, 'index.cjs');
    writeFileSync(path, 'module.exports = { hello: 1 };');
    const error = loadError(path);
    expect(isPrismindError(error, 'ENGINE_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toMatch(/does not export NativeEngine/);
  });

  it('turns a loader that throws into ENGINE_UNAVAILABLE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prismind-binding-'));
    const path = join(dir, 'index.cjs');
    writeFileSync(path, "throw new Error('Cannot find native binding.\\nmore lines');");
    const error = loadError(path);
    expect(isPrismindError(error, 'ENGINE_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toContain('Cannot find native binding.;');
  });
});
