// What tools/check-packages.mjs and tools/consumer-smoke.mjs share: the publishable packages of the
// workspace and packing one with pnpm (the only packer that rewrites `workspace:*` and applies
// publishConfig).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');

/** Every package under packages/ that is not private: `{ dir, manifest }`. */
export function publishablePackages() {
  return readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => statSync(join(dir, 'package.json'), { throwIfNoEntry: false }))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}

/** Where `pnpm pack` writes the tarball of `manifest` in `outDir`. */
export function tarballPath(outDir, manifest) {
  return join(
    outDir,
    `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`,
  );
}

/**
 * Packs the package in `dir` into `outDir` with its scripts off: dist is already built, and
 * prepack would rebuild it (native-core's runs cargo). Returns the tarball's path, or undefined
 * when pnpm failed.
 */
export function packWithPnpm(dir, outDir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  try {
    execFileSync('pnpm', ['--config.ignore-scripts=true', 'pack', '--pack-destination', outDir], {
      cwd: dir,
      stdio: 'ignore',
    });
  } catch {
    return undefined;
  }
  return tarballPath(outDir, manifest);
}
