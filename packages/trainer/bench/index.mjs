#!/usr/bin/env node
// The package's `bench`: runs each benchmark of this package in its own process (so each one's
// peak memory is its own) and prints ONE JSON object with their results by name. A benchmark that
// fails is reported in place, not hidden.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES = {
  manager: 'manager.bench.mjs',
};

function lastJsonObject(text) {
  const start = text.lastIndexOf('\n{');
  return JSON.parse(start >= 0 ? text.slice(start + 1) : text.slice(text.indexOf('{')));
}

const results = {};
for (const [name, file] of Object.entries(BENCHES)) {
  const path = fileURLToPath(new URL(file, import.meta.url));
  if (!existsSync(path)) {
    results[name] = { error: `${file} not found` };
    continue;
  }
  const run = spawnSync(process.execPath, [path], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    results[name] = lastJsonObject(run.stdout.trim());
  } catch (error) {
    results[name] = { error: `bench failed (exit ${run.status}): ${error.message}` };
  }
}
console.log(JSON.stringify(results, null, 2));
