import { isPrismindError } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../../test/support/fake-engine';
import { createEngine } from './create-engine';
import { describeLoadFailure } from './native-loader';

function recorder() {
  const lines: { obj: Record<string, unknown>; msg: string }[] = [];
  return {
    lines,
    logger: { info: (obj: Record<string, unknown>, msg: string) => lines.push({ obj, msg }) },
  };
}

/** What native-core's module looks like: createNativeEngine() returning an Engine. */
function nativeModule(): { createNativeEngine: (o?: { stages?: number }) => FakeEngine } {
  return {
    createNativeEngine: (o) => {
      const engine = new FakeEngine({ stages: o?.stages ?? 30 });
      Object.defineProperty(engine, 'backend', { value: 'native' });
      return engine;
    },
  };
}

function notFound(): Error {
  return Object.assign(new Error("Cannot find package '@prismind/native-core' imported from x"), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
}

describe('createEngine', () => {
  it("gives the TypeScript engine for 'js' and logs why", async () => {
    const { lines, logger } = recorder();
    const s = await createEngine({ backend: 'js', stages: 2, logger });
    try {
      expect(s.backend).toBe('js');
      expect(s.engine.backend).toBe('js');
      expect(s.engine.shape.stages).toBe(2);
      expect(s.reason).toBe('js requested');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.obj).toMatchObject({
        event: 'backend_selected',
        requested: 'js',
        backend: 'js',
      });
    } finally {
      await s.engine.dispose();
    }
  });

  it('auto falls back to js when native-core is not installed, and says so', async () => {
    const { lines, logger } = recorder();
    const s = await createEngine({
      stages: 1,
      logger,
      importNative: () => Promise.reject(notFound()),
    });
    try {
      expect(s.backend).toBe('js');
      expect(s.nativeError).toBe('@prismind/native-core is not installed');
      expect(s.reason).toBe(
        'auto fell back to the TypeScript engine: @prismind/native-core is not installed',
      );
      expect(lines[0]!.msg).toContain('backend js');
    } finally {
      await s.engine.dispose();
    }
  });

  it('auto with the real dynamic import never fails, whatever is installed', async () => {
    const s = await createEngine({ stages: 1 });
    try {
      expect(['js', 'native']).toContain(s.backend);
      expect(s.engine.backend).toBe(s.backend);
      if (s.backend === 'js') expect(s.nativeError).toMatch(/@prismind\/native-core/);
    } finally {
      await s.engine.dispose();
    }
  });

  it('auto takes native when the module imports and its binary loads', async () => {
    const s = await createEngine({ stages: 3, importNative: async () => nativeModule() });
    expect(s.backend).toBe('native');
    expect(s.reason).toBe('native binary loaded');
    expect(s.engine.shape.stages).toBe(3);
  });

  it('finds createNativeEngine on a default export too', async () => {
    const s = await createEngine({
      backend: 'native',
      importNative: async () => ({ default: nativeModule() }),
    });
    expect(s.backend).toBe('native');
    expect(s.reason).toBe('native requested');
  });

  it("auto falls back when the binary fails to load, saying so; 'native' is ENGINE_UNAVAILABLE", async () => {
    const broken = async () => ({
      createNativeEngine: () => {
        throw new Error('prismind.linux-x64-gnu.node: invalid ELF header');
      },
    });
    const auto = await createEngine({ stages: 1, importNative: broken });
    await auto.engine.dispose();
    expect(auto.backend).toBe('js');
    expect(auto.nativeError).toContain('invalid ELF header');
    const error = await createEngine({ backend: 'native', importNative: broken }).catch((e) => e);
    expect(isPrismindError(error, 'ENGINE_UNAVAILABLE')).toBe(true);
    expect(error.message).toContain(
      "backend 'native' requested but the native binary did not load",
    );
  });

  it("'native' without the package is ENGINE_UNAVAILABLE naming the package", async () => {
    const error = await createEngine({
      backend: 'native',
      importNative: () => Promise.reject(notFound()),
    }).catch((e) => e);
    expect(isPrismindError(error, 'ENGINE_UNAVAILABLE')).toBe(true);
    expect(error.message).toContain('@prismind/native-core is not installed');
  });

  it("passes native-core's NATIVE_BINARY_MISSING on: 'native' throws it, auto gives its reason", async () => {
    const missing = Object.assign(
      new Error('no native binary loaded for linux-x64-glibc: ...; --backend js'),
      { code: 'NATIVE_BINARY_MISSING' },
    );
    const noBinary = async () => ({
      createNativeEngine: () => {
        throw missing;
      },
    });
    const error = await createEngine({ backend: 'native', importNative: noBinary }).catch((e) => e);
    expect(error).toBe(missing);
    const { lines, logger } = recorder();
    const auto = await createEngine({ stages: 1, importNative: noBinary, logger });
    await auto.engine.dispose();
    expect(auto.reason).toBe(`auto fell back to the TypeScript engine: ${missing.message}`);
    expect(lines[0]!.msg).toBe(`backend js (${auto.reason})`);
  });

  it('a module without createNativeEngine is not taken', async () => {
    const s = await createEngine({ stages: 1, importNative: async () => ({ something: 1 }) });
    await s.engine.dispose();
    expect(s.backend).toBe('js');
    expect(s.nativeError).toContain('does not export createNativeEngine');
  });

  it('rejects an unknown backend with INVALID_OPTIONS', async () => {
    const error = await createEngine({ backend: 'gpu' as 'js' }).catch((e) => e);
    expect(isPrismindError(error, 'INVALID_OPTIONS')).toBe(true);
    expect(error.message).toContain('"gpu"');
  });
});

describe('describeLoadFailure', () => {
  it('tells "not installed" from a failed load', () => {
    expect(describeLoadFailure(notFound())).toBe('@prismind/native-core is not installed');
    expect(describeLoadFailure(new Error('boom'))).toBe(
      '@prismind/native-core failed to load: boom',
    );
    // a missing dependency of native-core itself is a failed load, not an absent package
    const other = Object.assign(new Error("Cannot find package 'x'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(describeLoadFailure(other)).toContain('failed to load');
  });
});
