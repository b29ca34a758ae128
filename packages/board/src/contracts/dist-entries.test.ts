import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built package, as users load it (turbo builds before it tests).
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs `source` in a plain Node process inside the package and returns what it printed. */
function runNode(args: readonly string[], source: string): string {
  return execFileSync(process.execPath, [...args, source], {
    cwd: packageRoot,
    encoding: 'utf8',
  }).trim();
}

// Both entry points must hand out the same class, or `instanceof PrismindError` fails for an error
// thrown by code that imported the other one (tsup.base.ts: splitting).
const check = `
const error = new contracts.PrismindError('INVALID_BOARD', 'x');
console.log(JSON.stringify([
  contracts.PrismindError === main.PrismindError,
  error instanceof main.PrismindError,
  main.isPrismindError(error, 'INVALID_BOARD'),
]));`;

describe('the built entry points share one PrismindError', () => {
  it('in ESM', () => {
    const out = runNode(
      ['--input-type=module', '-e'],
      `import * as main from '@prismind/board';
       import * as contracts from '@prismind/board/contracts';${check}`,
    );
    expect(JSON.parse(out)).toEqual([true, true, true]);
  });

  it('in CommonJS', () => {
    const out = runNode(
      ['--input-type=commonjs', '-e'],
      `const main = require('@prismind/board');
       const contracts = require('@prismind/board/contracts');${check}`,
    );
    expect(JSON.parse(out)).toEqual([true, true, true]);
  });
});
