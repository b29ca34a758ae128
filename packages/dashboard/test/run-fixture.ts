import { TrainingManager } from '@prismind/trainer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real finished run (JS engine, 120 games, every 30th stored) in a temp folder. */
export async function trainedRun(): Promise<{ root: string; runDir: string; remove: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'prismind-dashboard-'));
  const runDir = join(root, 'run');
  const manager = new TrainingManager({
    runDir,
    backend: 'js',
    seed: 7,
    logEcho: false,
    logLevel: 'warn',
    tensorboard: false,
    strength: false,
    storeGamesEvery: 30,
  });
  await manager.start({ targetGames: 120, callbackInterval: 40 });
  return { root, runDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Requests against a started server. */
export function client(base: string) {
  const url = (path: string) => new URL(path.replace(/^\//, ''), base).toString();
  return {
    get: (path: string, headers: Record<string, string> = {}) => fetch(url(path), { headers }),
    post: (path: string, body: string, type = 'application/json') =>
      fetch(url(path), { method: 'POST', headers: { 'content-type': type }, body }),
  };
}
