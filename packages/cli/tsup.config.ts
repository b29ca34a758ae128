import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// Two builds run side by side: the library (ESM + CJS + types) and the `prismind-cli` bin (one ESM
// file with a shebang). The library's clean spares the bin's files, which the other build writes.
export default defineConfig([
  packageBuild({ clean: ['!bin.js', '!bin.js.map'] }),
  packageBuild({
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
