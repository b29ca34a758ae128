#!/usr/bin/env node
// Checks what the registry would get: packs every publishable package with pnpm (the only packer
// that rewrites `workspace:*` and applies publishConfig), then lints each tarball with publint and
// @arethetypeswrong/cli. Runs on the built dist/ (build first); offline (no @types look-ups).
//   node tools/check-packages.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { packWithPnpm, publishablePackages, root } from './packages.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);

/** The workspace exports map minus what only the workspace uses: `source` and the leading `types`. */
function publishedView(exportsMap) {
  return Object.fromEntries(
    Object.entries(exportsMap).map(([key, entry]) => {
      if (typeof entry === 'string') return [key, entry];
      const { types: _types, source: _source, ...conditions } = entry;
      return [key, conditions];
    }),
  );
}

/** publishConfig.exports is written by hand beside exports: say so when the two drift apart. */
function exportsDrift({ manifest }) {
  const expected = publishedView(manifest.exports);
  if (isDeepStrictEqual(manifest.publishConfig?.exports, expected)) return [];
  return [
    `EXPORTS_DRIFT: ${manifest.name} publishConfig.exports differs from exports without ` +
      `"types"/"source"; expected ${JSON.stringify(expected)}`,
  ];
}

/**
 * The registry shows a package's README alone: a relative link that leaves the package (`../`)
 * breaks there, so such links must be absolute (the repository's URL).
 */
function readmeLinksLeavingPackage({ dir, manifest }) {
  const text = readFileSync(join(dir, 'README.md'), 'utf8');
  const leaving = [...text.matchAll(/\]\((\.\.\/[^)\s]*)\)/g)].map((m) => m[1]);
  return leaving.map(
    (link) =>
      `README_LINK: ${manifest.name} links to ${link}, outside the package; use an absolute URL`,
  );
}

function run(command, args, options = {}) {
  try {
    execFileSync(command, args, { stdio: 'inherit', ...options });
    return true;
  } catch {
    return false;
  }
}

function checkTarball(name, tarball) {
  const problems = [];
  if (!run(bin('publint'), ['run', tarball, '--strict'])) problems.push(`PUBLINT: ${name}`);
  if (!run(bin('attw'), [tarball, '--no-definitely-typed', '--format', 'table-flipped'])) {
    problems.push(`ATTW: ${name}`);
  }
  return problems;
}

const outDir = mkdtempSync(join(tmpdir(), 'prismind-pack-'));
const problems = [];
try {
  for (const pkg of publishablePackages()) {
    problems.push(...exportsDrift(pkg), ...readmeLinksLeavingPackage(pkg));
    const tarball = packWithPnpm(pkg.dir, outDir);
    if (tarball === undefined) {
      problems.push(`PACK_FAILED: ${pkg.manifest.name}`);
      continue;
    }
    problems.push(...checkTarball(pkg.manifest.name, tarball));
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`\n${problems.length} packaging problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('\nEvery publishable package packs clean (publint, attw).');
