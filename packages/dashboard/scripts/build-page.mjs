// Bundles the page (page/main.tsx with preact and uPlot) into dist/page: app.js, app.css and
// index.html. Everything the page needs is in those files; nothing is fetched at run time.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'page');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: join(root, 'page', 'main.tsx') },
  bundle: true,
  format: 'esm',
  target: ['chrome109', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: false,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: out,
  logLevel: 'warning',
  legalComments: 'none',
});
copyFileSync(join(root, 'page', 'index.html'), join(out, 'index.html'));
