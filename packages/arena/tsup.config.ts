import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// `shims` gives the CommonJS build an import.meta.url, which the packaged endgame set is found by.
export default defineConfig(packageBuild({ shims: true }));
