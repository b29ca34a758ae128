import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// The worker is a second entry so dist holds a script worker_threads can start
// (src/js-engine/worker-url.ts picks it next to the bundle that starts it); run-dir is the
// @prismind/trainer/run-dir subpath, which must not pull in the TrainingManager.
export default defineConfig(
  packageBuild({
    entry: {
      index: 'src/index.ts',
      'run-dir': 'src/run-dir/index.ts',
      'js-engine-worker': 'src/js-engine/worker.ts',
    },
    shims: true,
  }),
);
