// What tools/consumer-smoke.mjs checks in each tarball before installing it: the problems the
// registry page and `npm install` would show (issue 12), each as one `CODE: package: what` line.
import { execFileSync } from 'node:child_process';

const NATIVE_CORE = '@prismind/native-core';
const PLATFORM_PREFIX = `${NATIVE_CORE}-`;

/** A tarball's files (without the `package/` prefix), their total size, and its package.json. */
export function readTarball(tarball) {
  const listing = execFileSync('tar', ['-tvzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  const files = [];
  let unpackedSize = 0;
  for (const line of listing) {
    const [, , size, , , ...path] = line.split(/\s+/);
    files.push(path.join(' ').replace(/^package\//, ''));
    unpackedSize += Number(size);
  }
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
  );
  return { files, unpackedSize, manifest };
}

function dependencyRanges(manifest) {
  return ['dependencies', 'optionalDependencies', 'peerDependencies'].flatMap((field) =>
    Object.entries(manifest[field] ?? {}).map(([name, range]) => ({ name, range })),
  );
}

/** Every problem of one tarball; none for a good one. */
export function checkTarball(name, { files, manifest }) {
  const problems = [];
  const problem = (code, what) => problems.push(`${code}: ${name}: ${what}`);
  const platform = name.startsWith(PLATFORM_PREFIX);
  for (const required of ['package.json', 'LICENSE', 'README.md']) {
    if (!files.includes(required)) problem('TARBALL_MISSING_FILE', `no ${required}`);
  }
  if (!platform && !files.some((f) => f.startsWith('dist/')))
    problem('TARBALL_NO_DIST', 'no dist/');
  const binaries = files.filter((f) => f.endsWith('.node'));
  if (platform && (binaries.length !== 1 || binaries[0] !== manifest.main)) {
    problem(
      'PLATFORM_BINARY',
      `expected only ${manifest.main}, found ${binaries.join(', ') || 'none'}`,
    );
  }
  if (!platform && binaries.length > 0) {
    problem('NATIVE_IN_MAIN_PACKAGE', `${binaries.join(', ')} belong in the platform packages`);
  }
  for (const { name: dep, range } of dependencyRanges(manifest)) {
    if (range.startsWith('workspace:')) problem('WORKSPACE_RANGE', `${dep}@${range}`);
  }
  if (JSON.stringify(manifest.exports ?? {}).includes('"source"')) {
    problem('SOURCE_CONDITION', 'exports still has the workspace-only "source" condition');
  }
  for (const field of ['license', 'repository', 'homepage']) {
    if (manifest[field] === undefined) problem('MANIFEST_FIELD', `no ${field}`);
  }
  if (name === NATIVE_CORE) {
    const optional = Object.entries(manifest.optionalDependencies ?? {});
    const platforms = optional.filter(
      ([dep, range]) => dep.startsWith(PLATFORM_PREFIX) && range === manifest.version,
    );
    if (platforms.length !== 6) {
      problem(
        'PLATFORM_PACKAGES',
        `expected six platform packages at ${manifest.version}, got ${JSON.stringify(manifest.optionalDependencies)}`,
      );
    }
  }
  return problems;
}

/** What `npm pack --dry-run` would put in the tarball: it must list dist, LICENSE and README. */
export function checkNpmDryRun(dir, name) {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const files = JSON.parse(output)[0].files.map((f) => f.path);
  return ['dist/', 'LICENSE', 'README.md']
    .filter((want) => !files.some((f) => (want.endsWith('/') ? f.startsWith(want) : f === want)))
    .map((want) => `NPM_PACK_MISSING: ${name}: npm pack --dry-run lists no ${want}`);
}
