import { isPrismindError } from '@prismind/board/contracts';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/run-dir';
import { type ControlRequest, ControlWatcher, sendControl } from './control';
import { isTrainerError } from '../manager/errors';
import { readJsonFile, writeJsonAtomic } from './atomic-json';
import { CONTROL_FILE } from './names';
import { inspectRunStatus, type RunStatus, readRunStatus, StatusBoard } from './status';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

function status(patch: Partial<RunStatus> = {}): RunStatus {
  const now = Date.now();
  return {
    version: 1,
    runId: 'r',
    state: 'training',
    reason: null,
    pid: process.pid,
    hostname: 'h',
    backend: 'js',
    games: 10,
    targetGames: 100,
    gamesPerSecond: null,
    elapsedSeconds: 1,
    errors: { count: 0, rate: 0 },
    latestCheckpoint: null,
    startedAt: new Date(now).toISOString(),
    heartbeat: new Date(now).toISOString(),
    heartbeatMs: now,
    heartbeatIntervalMs: 2_000,
    control: null,
    ...patch,
  };
}

/** A pid that surely belongs to no process: one that just exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map(Number)[0]!;
}

describe('readRunStatus', () => {
  it('is null without status.json and tells live runs from dead ones', () => {
    expect(readRunStatus(dir)).toBeNull();
    writeJsonAtomic(join(dir, 'status.json'), status());
    expect(readRunStatus(dir)).toMatchObject({ state: 'training', games: 10, live: true });
    writeJsonAtomic(join(dir, 'status.json'), status({ pid: deadPid() }));
    expect(readRunStatus(dir)!.live).toBe(false);
    if (existsSync('/proc/self/stat')) {
      // a live pid with another start time is a reused pid, not the trainer
      writeJsonAtomic(join(dir, 'status.json'), status({ pidStartTime: '1' }));
      expect(readRunStatus(dir)!.live).toBe(false);
    }
    writeJsonAtomic(join(dir, 'status.json'), status({ heartbeatMs: Date.now() - 60_000 }));
    expect(readRunStatus(dir)!.live).toBe(false);
    writeJsonAtomic(join(dir, 'status.json'), status({ state: 'completed' }));
    expect(readRunStatus(dir)!.live).toBe(false);
    for (const [text, why] of [
      ['{"version":2}', 'not a Prismind run status'],
      ['', 'unreadable'],
      ['\u0000garbage', 'unreadable'],
    ]) {
      writeFileSync(join(dir, 'status.json'), text!);
      expect(readRunStatus(dir)).toBeNull();
      expect(inspectRunStatus(dir).damaged).toContain(why);
    }
    expect(inspectRunStatus(join(dir, 'nothing-here'))).toEqual({ status: null, damaged: null });
  });

  it('StatusBoard writes atomically and leaves no temp files', () => {
    const errors: unknown[] = [];
    const board = new StatusBoard(dir, status(), (e) => errors.push(e));
    for (let i = 0; i < 50; i++) board.update({ games: i }, true);
    expect(readRunStatus(dir)!.games).toBe(49);
    expect(readdirSync(dir)).toEqual(['status.json']);
    expect(errors).toEqual([]);
  });
});

describe('sendControl', () => {
  it('refuses a run without a live trainer unless forced', async () => {
    const none = await sendControl(dir, 'pause').catch((e) => e);
    expect(isTrainerError(none, 'RUN_NOT_ACTIVE')).toBe(true);
    expect(none.message).toContain('no status.json');
    writeJsonAtomic(join(dir, 'status.json'), status({ pid: deadPid() }));
    const dead = await sendControl(dir, 'stop').catch((e) => e);
    expect(dead.message).toMatch(/process \d+ is not running/);
    const forced = await sendControl(dir, 'stop', { force: true });
    expect((readJsonFile(join(dir, CONTROL_FILE)) as ControlRequest).id).toBe(forced.id);
  });

  it('rejects an unknown command', async () => {
    const error = await sendControl(dir, 'restart' as 'stop').catch((e) => e);
    expect(isPrismindError(error, 'INVALID_OPTIONS')).toBe(true);
  });

  it('writes a request and waits for its answer in status.json', async () => {
    const board = new StatusBoard(dir, status(), () => {});
    board.flush();
    const seen: ControlRequest[] = [];
    const watcher = new ControlWatcher(
      dir,
      20,
      (request) => {
        seen.push(request);
        const receivedAt = new Date().toISOString();
        const ack = { id: request.id, command: request.command, receivedAt };
        board.update({ control: { ...ack, result: 'accepted' } }, true);
        setTimeout(
          () => board.update({ control: { ...ack, result: 'done', message: 'ok' } }, true),
          60,
        );
      },
      () => {},
    );
    watcher.start();
    try {
      const accepted = await sendControl(dir, 'pause', { waitMs: 2_000, until: 'accepted' });
      expect(accepted.ack?.result).toBe('accepted');
      const done = await sendControl(dir, 'resume', { waitMs: 2_000 });
      expect(done.ack).toMatchObject({
        id: done.id,
        command: 'resume',
        result: 'done',
        message: 'ok',
      });
      expect(seen.map((r) => r.command)).toEqual(['pause', 'resume']);
      const unanswered = await sendControl(dir, 'stop');
      expect(unanswered.ack).toBeNull();
    } finally {
      watcher.stop();
    }
  });
});

describe('ControlWatcher', () => {
  it('acts on each id once, ignores a command older than the run, and reports bad files once', () => {
    const seen: string[] = [];
    const problems: string[] = [];
    const request = (id: string): ControlRequest => ({
      version: 1,
      id,
      command: 'pause',
      requestedAt: new Date().toISOString(),
      pid: 1,
    });
    writeJsonAtomic(join(dir, CONTROL_FILE), request('stale'));
    const watcher = new ControlWatcher(
      dir,
      1_000,
      (r) => seen.push(r.id),
      (m) => problems.push(m),
    );
    expect(watcher.ignoreExisting()?.id).toBe('stale');
    watcher.poll();
    writeJsonAtomic(join(dir, CONTROL_FILE), request('a'));
    watcher.poll();
    watcher.poll();
    writeFileSync(join(dir, CONTROL_FILE), '{"version":1,"id":"b","command":"explode"}');
    watcher.poll();
    watcher.poll();
    writeJsonAtomic(join(dir, CONTROL_FILE), request('c'));
    watcher.poll();
    expect(seen).toEqual(['a', 'c']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('not a control request');
  });
});
