import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// `shims` gives the CommonJS build an import.meta.url, which the loader resolves the binding by.
export default defineConfig(packageBuild({ shims: true }));
