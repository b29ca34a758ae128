import type { Options } from 'tsup';

/** The one build recipe every package reuses: ESM + CJS + .d.ts from src/index.ts. */
export function packageBuild(overrides: Partial<Options> = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    outDir: 'dist',
    ...overrides,
  };
}
