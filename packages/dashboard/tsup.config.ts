import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// shims: the CJS build finds the page next to itself through import.meta.url (page-assets.ts).
export default defineConfig(packageBuild({ shims: true }));
