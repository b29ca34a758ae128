import { TrainingManager } from '@prismind/trainer';
import type { RunStatus } from '@prismind/trainer/run-dir';
import type { PlayAnswer } from '../src/play';
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

/**
 * A status.json of a run training now in this process (so `live` holds), on another machine
 * unless `fields.hostname` says otherwise; `fields` override.
 */
export function trainingStatus(fields: Partial<RunStatus> = {}): RunStatus {
  const now = Date.now();
  return {
    version: 1,
    runId: 'simulated',
    state: 'training',
    reason: null,
    pid: process.pid,
    hostname: 'elsewhere',
    backend: 'js',
    games: 0,
    targetGames: 10_000_000,
    gamesPerSecond: 5000,
    elapsedSeconds: 0,
    errors: { count: 0, rate: 0 },
    latestCheckpoint: null,
    startedAt: new Date(now).toISOString(),
    heartbeat: new Date(now).toISOString(),
    heartbeatMs: now,
    heartbeatIntervalMs: 2000,
    control: null,
    ...fields,
  };
}

/** Requests against a started server. */
export interface TestClient {
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, body: string, type?: string): Promise<Response>;
  json<T>(path: string): Promise<T>;
  play(body: object): Promise<PlayAnswer>;
}

export function client(base: string): TestClient {
  const url = (path: string) => new URL(path.replace(/^\//, ''), base).toString();
  const post = (path: string, body: string, type = 'application/json') =>
    fetch(url(path), { method: 'POST', headers: { 'content-type': type }, body });
  return {
    get: (path, headers = {}) => fetch(url(path), { headers }),
    post,
    json: async <T>(path: string) => (await fetch(url(path))).json() as Promise<T>,
    play: async (body) =>
      (await post('/api/play', JSON.stringify(body))).json() as Promise<PlayAnswer>,
  };
}
