import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium (apt-get install chromium), driven by playwright-core, which downloads no
 * browser of its own. CHROMIUM_PATH points elsewhere. tools/dev.sh installs it when missing.
 */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `no Chromium at ${path}: install it (apt-get install -y chromium; tools/dev.sh does) or set CHROMIUM_PATH`,
    );
  }
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // --no-sandbox: CI containers run as root, where Chromium's sandbox will not start.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/**
 * Where screenshots go: DASHBOARD_SCREENSHOTS (e.g. docs/dashboard, from the repository root, to
 * refresh the README's pictures) or a temp folder.
 */
export function screenshotDir(fallback: string): string {
  const wanted = process.env.DASHBOARD_SCREENSHOTS;
  const dir = wanted ? join(process.cwd(), '..', '..', wanted) : join(fallback, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Resolves once `ready()` is true (checked every 50 ms); rejects after `timeoutMs`. */
export async function waitUntil(ready: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
