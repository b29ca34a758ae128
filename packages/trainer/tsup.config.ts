import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// `shims` gives the CommonJS build an import.meta.url, which the manifest reads versions by.
export default defineConfig(packageBuild({ shims: true }));
