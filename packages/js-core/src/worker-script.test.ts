import { describe, expect, it } from 'vitest';
import { inheritableExecArgv, workerScript } from './worker-script';

describe('worker script', () => {
  it('starts the built worker beside the bundle', () => {
    const esm = workerScript('file:///pkg/dist/chunk-ABC.js');
    expect(esm.evalCode).toBe(false);
    expect(String(esm.script)).toBe('file:///pkg/dist/js-engine-worker.js');
    const cjs = workerScript('file:///pkg/dist/index.cjs');
    expect(String(cjs.script)).toBe('file:///pkg/dist/js-engine-worker.cjs');
  });

  it('starts the TypeScript worker through tsx under vitest', () => {
    const ts = workerScript(import.meta.url.replace(/[^/]+$/, 'engine.ts'));
    expect(ts.evalCode).toBe(true);
    expect(ts.script).toMatch(/register\(\)/);
    expect(ts.script).toMatch(/worker\.ts/);
    expect(ts.execArgv).toEqual(['--conditions=source']);
  });

  it('drops main-script options a worker cannot take', () => {
    expect(
      inheritableExecArgv([
        '--input-type=module',
        '-e',
        'code',
        '--max-old-space-size=512',
        '--eval=x',
        '--print',
        'y',
        '--conditions=source',
      ]),
    ).toEqual(['--max-old-space-size=512', '--conditions=source']);
  });
});
