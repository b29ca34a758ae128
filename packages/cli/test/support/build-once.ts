import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(join(root, 'dist', 'bin.js')).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Vitest global setup: the tests that spawn `prismind-cli` run the built bin (dist/bin.js), as users
 * do. Turbo builds before it tests; a direct `vitest run` after an edit rebuilds here first.
 */
export default function setup(): void {
  const sources = Math.max(
    newestSource(join(root, 'src')),
    statSync(join(root, 'package.json')).mtimeMs,
  );
  if (builtAt() >= sources) return;
  const tsupPackage = createRequire(join(root, 'package.json')).resolve('tsup/package.json');
  const cli = join(dirname(tsupPackage), 'dist', 'cli-default.js');
  const result = spawnSync(process.execPath, [cli], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`building prismind-cli failed:\n${result.stdout}\n${result.stderr}`);
  }
}
