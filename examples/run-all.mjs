// Runs every example at small sizes (what `pnpm test` and CI do); fails when one fails.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const examples = [
  'train-and-evaluate.ts',
  'progress-csv.ts',
  'compare-backends.ts',
  'query-weights.ts',
  'one-hour-recipe.ts',
];
let failed = 0;
for (const file of examples) {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', file, '--small'], {
    cwd: here,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${file} (${seconds} s)`);
  const output = `${run.stdout}${run.stderr}`.trim();
  if (output !== '') console.log(output.replace(/^/gm, '     '));
}
if (failed > 0) {
  console.error(`${failed} of ${examples.length} examples failed`);
  process.exit(1);
}
