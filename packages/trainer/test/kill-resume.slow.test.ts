import { verifyCheckpointFile } from '@prismind/checkpoint';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, readRunStatus } from '../src/index';
import { spawnTrainer } from './support/child';
import { tempDir } from './support/run-dir';

/**
 * SIGKILL at random moments, over and over, on one run directory (fake engine: fast, so
 * checkpoints come every few ms and kills land during saves, batches and startup alike). After
 * every kill: every checkpoint file verifies, status.json and manifest.json parse, and the next
 * process resumes from a valid checkpoint — never behind the last one a process reported durable
 * (games never go backwards), and at most one checkpoint interval behind where it was.
 */
const KILLS = 24;
const INTERVAL = 20;
const PACKAGE_TIMEOUT = 180_000;

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function checkDirectory(runDir: string): Promise<number[]> {
  const names = readdirSync(join(runDir, 'checkpoints')).filter((n) => /^ckpt-\d+\.prsm$/.test(n));
  const games: number[] = [];
  for (const name of names) {
    const check = await verifyCheckpointFile(join(runDir, 'checkpoints', name));
    expect(check.ok, `${name}: ${check.ok ? '' : check.message}`).toBe(true);
    games.push(Number(name.slice(5, 17)));
  }
  // written atomically: whatever the moment of the kill, they parse
  expect(() => readRunStatus(runDir)).not.toThrow();
  expect(() => readManifest(runDir)).not.toThrow();
  return games.sort((a, b) => a - b);
}

describe('SIGKILL and resume', () => {
  it(
    `resumes from a valid checkpoint after each of ${KILLS} kills, losing at most one interval`,
    async () => {
      const runDir = join(dir, 'run');
      const options = {
        runDir,
        engine: 'fake',
        msPerGame: 0.2,
        targetGames: 1_000_000_000,
        checkpointInterval: INTERVAL,
        callbackInterval: INTERVAL,
      };
      const next = random(20_251_123);
      let lastDurable = 0; // the newest checkpoint a process reported (its save had resolved)
      let lastStart = 0;
      let resumes = 0;
      for (let kill = 0; kill < KILLS; kill++) {
        const trainer = spawnTrainer(options);
        const early = kill % 6 === 5; // some kills land while the process is still opening the run
        if (early) {
          await sleep(next() * 400);
        } else {
          const start = Number((await trainer.line('ready ')).split(' ')[1]);
          resumes += 1;
          // never backwards, never behind a durable checkpoint, at most one interval ahead of it
          // (a save that finished just before the kill, unreported)
          expect(start).toBeGreaterThanOrEqual(lastStart);
          expect([lastDurable, lastDurable + INTERVAL]).toContain(start);
          if (start > 0) {
            const check = await verifyCheckpointFile(
              join(runDir, 'checkpoints', `ckpt-${String(start).padStart(12, '0')}.prsm`),
            );
            expect(check.ok).toBe(true);
          }
          lastStart = start;
          await sleep(30 + next() * 500);
        }
        trainer.child.kill('SIGKILL');
        const exit = await trainer.exited;
        expect(exit.signal).toBe('SIGKILL');
        lastDurable = Math.max(lastDurable, ...trainer.numbers('checkpoint'));
        const onDisk = await checkDirectory(runDir);
        expect(onDisk.at(-1) ?? 0).toBeGreaterThanOrEqual(lastDurable);
        expect(onDisk.length).toBeLessThanOrEqual(5 + 1); // retention (a kill may beat the prune)
      }
      expect(resumes).toBeGreaterThanOrEqual(20);
      expect(lastDurable).toBeGreaterThan(INTERVAL * KILLS);

      // and finally a process that is left alone finishes the run
      const done = spawnTrainer({ ...options, targetGames: lastDurable + 5 * INTERVAL });
      const result = JSON.parse((await done.line('result ')).slice(7));
      expect((await done.exited).code).toBe(0);
      expect(result).toMatchObject({
        outcome: 'completed',
        gamesCompleted: lastDurable + 5 * INTERVAL,
      });
      const manifest = readManifest(runDir)!;
      // a process killed before it wrote the manifest left no session behind
      expect(manifest.sessions.length).toBeGreaterThanOrEqual(resumes + 1);
      expect(manifest.sessions.length).toBeLessThanOrEqual(KILLS + 1);
      expect(manifest.sessions.slice(0, -1).every((s) => s.outcome === 'interrupted')).toBe(true);
      expect(manifest.outcome).toBe('completed');
    },
    PACKAGE_TIMEOUT,
  );
});
