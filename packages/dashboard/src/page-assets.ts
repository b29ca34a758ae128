import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The page's files, built by scripts/build-page.mjs into dist/page. */
export interface PageAssets {
  html: string;
  js: string;
  css: string;
}

const FILES = { html: 'index.html', js: 'app.js', css: 'app.css' } as const;

/**
 * The built page: next to the bundle (dist/page, when running from dist) or in the package's
 * dist (when running from src, in tests). Null when the page was not built.
 */
export function loadPageAssets(): PageAssets | null {
  for (const folder of ['./page/', '../dist/page/']) {
    try {
      const read = (name: string) =>
        readFileSync(fileURLToPath(new URL(folder + name, import.meta.url)), 'utf8');
      return { html: read(FILES.html), js: read(FILES.js), css: read(FILES.css) };
    } catch {
      // not there: try the next place
    }
  }
  return null;
}

/** index.html with the access token carried into the page's own requests. */
export function pageHtml(assets: PageAssets, token: string | null): string {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return assets.html.replaceAll('{{query}}', query);
}
