import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendControl } from '../src/index';
import { spawnTrainer } from './support/child';
import { tempDir } from './support/run-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

describe('a trainer paused from another process', () => {
  it('stays alive while paused, then resumes and stops on command', async () => {
    const runDir = join(dir, 'paused');
    const trainer = spawnTrainer({
      runDir,
      engine: 'fake',
      msPerGame: 1,
      targetGames: 1_000_000,
      checkpointInterval: 100,
      callbackInterval: 50,
    });
    await trainer.line('checkpoint 100');
    const paused = await sendControl(runDir, 'pause', { waitMs: 10_000 });
    expect(paused.ack?.result).toBe('done');
    // Nothing but the paused run is pending in the child: it must not exit under it.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(trainer.child.exitCode).toBeNull();
    expect((await sendControl(runDir, 'resume', { waitMs: 10_000 })).ack?.result).toBe('done');
    expect((await sendControl(runDir, 'stop', { waitMs: 10_000 })).ack?.result).toBe('done');
    expect(await trainer.exited).toEqual({ code: 0, signal: null });
    const result = JSON.parse((await trainer.line('result ')).slice(7));
    expect(result).toMatchObject({ outcome: 'stopped' });
  });
});
