import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/run-dir';
import { isTrainerError } from '../manager/errors';
import { acquireRunLock } from './lock';
import { LOCK_FILE } from './names';
import { identityOf, isProcessAlive } from './process-identity';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const LOCK_CHILD = fileURLToPath(new URL('../../test/fixtures/lock-child.ts', import.meta.url));
const HAS_PROC = existsSync('/proc/self/stat');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

function writeLock(record: Record<string, unknown>): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(record));
}

function lockedError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A zombie: `sleep 0` forked by a shell that then execs `sleep 5`, which never reaps it. */
async function makeZombie(): Promise<{ pid: number; parent: ChildProcess }> {
  const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const pid = await new Promise<number>((resolve) => {
    parent.stdout!.once('data', (text: Buffer) => resolve(Number(text.toString().trim())));
  });
  for (let i = 0; i < 200; i++) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { pid, parent };
}

describe('run lock', () => {
  it('one holder per run directory; its release leaves nothing behind', () => {
    const lock = acquireRunLock(dir);
    expect(
      isTrainerError(
        lockedError(() => acquireRunLock(dir)),
        'RUN_LOCKED',
      ),
    ).toBe(true);
    const record = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    expect(record).toMatchObject({
      pid: process.pid,
      startTime: identityOf(process.pid).startTime,
    });
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("takes over a dead owner's lock and refuses a live one's (old pid-only locks too)", () => {
    writeLock({ pid: process.ppid });
    expect(() => acquireRunLock(dir)).toThrow(/process \d+ is training this run/);
    writeLock({ pid: deadPid() });
    const taken = acquireRunLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    taken.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes the private files of takers that died mid-way, not a live one's", () => {
    const dead = `${LOCK_FILE}.stale-${deadPid()}-0123456789ab`;
    const live = `${LOCK_FILE}.new-${process.ppid}-0123456789ab`;
    writeFileSync(join(dir, dead), '{}');
    writeFileSync(join(dir, live), '{}');
    const lock = acquireRunLock(dir);
    expect(readdirSync(dir).sort()).toEqual([LOCK_FILE, live].sort());
    lock.release();
  });

  it('treats a garbage or empty lock file as stale', () => {
    writeFileSync(join(dir, LOCK_FILE), '');
    acquireRunLock(dir).release();
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    acquireRunLock(dir).release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it.runIf(HAS_PROC)('takes over a live pid whose start time differs (a reused pid)', () => {
    const live = identityOf(process.ppid);
    writeLock({ pid: live.pid, startTime: live.startTime });
    expect(
      isTrainerError(
        lockedError(() => acquireRunLock(dir)),
        'RUN_LOCKED',
      ),
    ).toBe(true);
    writeLock({ pid: live.pid, startTime: String(Number(live.startTime) + 1) });
    acquireRunLock(dir).release();
  });

  it.runIf(HAS_PROC)('a zombie is not alive, and its lock is taken over', async () => {
    const zombie = await makeZombie();
    try {
      expect(existsSync(`/proc/${zombie.pid}`)).toBe(true);
      expect(isProcessAlive(zombie.pid)).toBe(false);
      writeLock({ pid: zombie.pid, startTime: identityOf(zombie.pid).startTime });
      acquireRunLock(dir).release();
    } finally {
      zombie.parent.kill();
    }
  });

  it.skipIf(HAS_PROC)('skips the start-time and zombie checks: no /proc on this platform', () => {
    console.log('run lock: /proc is absent, liveness falls back to the pid alone');
  });
});

describe('run lock race', () => {
  interface Racer {
    child: ChildProcess;
    next(): Promise<Record<string, unknown>>;
  }

  function startRacer(): Racer {
    const child = fork(LOCK_CHILD, [], {
      cwd: PACKAGE_DIR,
      execArgv: ['--conditions=source', '--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const queue: Record<string, unknown>[] = [];
    const waiting: ((m: Record<string, unknown>) => void)[] = [];
    child.on('message', (m: Record<string, unknown>) => {
      const w = waiting.shift();
      if (w === undefined) queue.push(m);
      else w(m);
    });
    return {
      child,
      next: () =>
        new Promise((resolve) => {
          const m = queue.shift();
          if (m === undefined) waiting.push(resolve);
          else resolve(m);
        }),
    };
  }

  it('two processes racing for a stale lock: exactly one wins, every round', async () => {
    const racers = [startRacer(), startRacer()];
    try {
      await Promise.all(racers.map((r) => r.next()));
      const me = identityOf(process.pid);
      const staleKinds = [() => ({ pid: deadPid() }), () => ({ pid: me.pid, startTime: '1' })];
      for (let round = 0; round < 20; round++) {
        const stale = staleKinds[round % staleKinds.length]!();
        // our own pid is live here; only a differing start time makes it stale (where /proc tells)
        if (!HAS_PROC && stale.pid === me.pid) continue;
        writeLock(stale);
        const goAt = Date.now() + 60;
        for (const r of racers) r.child.send({ take: dir, goAt });
        const results = (await Promise.all(racers.map((r) => r.next()))).map((m) => m.result);
        expect(results.sort(), `round ${round}`).toEqual(['RUN_LOCKED', 'won']);
        for (const r of racers) r.child.send({ release: true });
        await Promise.all(racers.map((r) => r.next()));
        expect(readdirSync(dir), `round ${round}`).toEqual([]);
      }
    } finally {
      for (const r of racers) r.child.kill();
    }
  }, 60_000);
});
