import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// `shims` gives the CommonJS build an import.meta.url, which the manifest reads versions by;
// run-dir is the @prismind/trainer/run-dir subpath, which must not pull in the TrainingManager.
export default defineConfig(
  packageBuild({
    entry: {
      index: 'src/index.ts',
      'run-dir': 'src/run-dir/index.ts',
    },
    shims: true,
  }),
);
