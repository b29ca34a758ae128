import type { Options } from 'tsup';

/** The one build recipe every package reuses: ESM + CJS + .d.ts from src/index.ts. */
export function packageBuild(overrides: Partial<Options> = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    // One chunk graph for ESM and CJS alike, so two entry points share one PrismindError class.
    splitting: true,
    target: 'node20',
    outDir: 'dist',
    ...overrides,
  };
}
