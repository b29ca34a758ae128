import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// The worker is a second entry so dist holds a script worker_threads can start
// (src/worker-script.ts picks it next to the bundle that starts it).
export default defineConfig(
  packageBuild({
    entry: { index: 'src/index.ts', 'js-engine-worker': 'src/worker.ts' },
    shims: true,
  }),
);
