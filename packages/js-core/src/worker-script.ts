import { createRequire } from 'node:module';

/**
 * How to start the training worker. From the built package the worker is
 * dist/js-engine-worker.{js,cjs}, beside the bundle running this code (tsup builds it as a second
 * entry). Under vitest this module is a .ts source: the worker is then worker.ts, loaded by a tiny
 * eval'd bootstrap that registers tsx's loader in the worker thread first (a `--import tsx` in a
 * worker's execArgv is not applied by Node 20), with the `source` export condition so workspace
 * packages resolve to their sources, as they do for vitest.
 */
export interface WorkerScript {
  /** A file URL, or the bootstrap's source code when `evalCode` is true. */
  script: URL | string;
  evalCode: boolean;
  execArgv: string[];
}

/** Options that take the next argument as their value. */
const WITH_VALUE = new Set(['-e', '--eval', '-p', '--print', '--input-type']);

/**
 * The parent's execArgv minus what only makes sense for a main script (`node -e code`,
 * `--input-type=module`, ...): a worker started with those fails to boot.
 */
export function inheritableExecArgv(parent: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const arg = parent[i]!;
    if (WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (/^(--eval|--print|--input-type)=/.test(arg)) continue;
    out.push(arg);
  }
  return out;
}

export function workerScript(moduleUrl: string = import.meta.url): WorkerScript {
  if (moduleUrl.endsWith('.ts')) {
    const tsxApi = createRequire(moduleUrl).resolve('tsx/esm/api');
    const worker = new URL('./worker.ts', moduleUrl).href;
    const bootstrap = [
      `require(${JSON.stringify(tsxApi)}).register();`,
      `import(${JSON.stringify(worker)}).catch((error) => { setImmediate(() => { throw error; }); });`,
    ].join('\n');
    return { script: bootstrap, evalCode: true, execArgv: ['--conditions=source'] };
  }
  const ext = moduleUrl.endsWith('.cjs') ? 'cjs' : 'js';
  return {
    script: new URL(`./js-engine-worker.${ext}`, moduleUrl),
    evalCode: false,
    execArgv: inheritableExecArgv(process.execArgv),
  };
}
