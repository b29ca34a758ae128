#!/usr/bin/env node
// Runs every package's benchmark (each prints one JSON object) and prints one JSON object that
// gathers them, keyed by package. A failing benchmark is reported in place, not hidden, and makes
// the exit status 1.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function packagesWithBench() {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .map((name) => ({ name, dir: join(dir, name) }))
    .filter(({ dir: d }) => existsSync(join(d, 'package.json')))
    .map((p) => ({ ...p, manifest: JSON.parse(readFileSync(join(p.dir, 'package.json'), 'utf8')) }))
    .filter((p) => p.manifest.scripts?.bench && (only.length === 0 || only.includes(p.name)));
}

function lastJsonObject(text) {
  const start = text.lastIndexOf('\n{');
  const candidate = start >= 0 ? text.slice(start + 1) : text.slice(text.indexOf('{'));
  return JSON.parse(candidate);
}

const results = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
};
for (const pkg of packagesWithBench()) {
  const run = spawnSync('npm', ['run', '--silent', 'bench'], {
    cwd: pkg.dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stderr.write(run.stderr ?? '');
  try {
    if (run.status !== 0) throw new Error('a non-zero exit status');
    results[pkg.manifest.name] = lastJsonObject(run.stdout.trim());
  } catch (error) {
    results[pkg.manifest.name] = { error: `bench failed (exit ${run.status}): ${error.message}` };
    console.error(`${pkg.manifest.name}: ${results[pkg.manifest.name].error}`);
    process.exitCode = 1;
  }
}
console.log(JSON.stringify(results, null, 2));
