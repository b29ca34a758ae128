import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/fixtures';
import { BIN, cli, start, waitUntil } from './support/spawn';

const tmp = tempDir();
afterAll(() => tmp.remove());

function state(run: string): string | undefined {
  try {
    return JSON.parse(readFileSync(join(run, 'status.json'), 'utf8')).state;
  } catch {
    return undefined;
  }
}

describe('the prismind-cli bin (spawned)', () => {
  it('is the built file with a node shebang; --help lists the commands', async () => {
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('prismind-cli train');
    expect(r.stdout).toContain('prismind-cli nboard');
  });

  it('an error is one line on stderr with the exit code, no stack trace', async () => {
    const r = await cli(['status', '--run-dir', join(tmp.dir, 'missing')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^prismind-cli: .*missing: no such run directory \[NOT_FOUND\]\n$/);
    const bad = await cli(['train', '--run-dir', join(tmp.dir, 'x'), '--threads', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^prismind-cli: --threads: "0" is not an integer 1\.\.256 \(see prismind-cli --help\) \[BAD_ARGUMENT\]\n$/,
    );
    expect(existsSync(join(tmp.dir, 'x'))).toBe(false);
  });

  it('SIGINT during train saves a checkpoint and exits 0', async () => {
    const run = join(tmp.dir, 'sigint');
    const trainer = start([
      'train',
      '--run-dir',
      run,
      '--games',
      '1000000',
      '--backend',
      'js',
      '--interval',
      '0.5',
    ]);
    await waitUntil(
      () => state(run) === 'training' && /games \d+\/1000000/.test(trainer.stdout()),
      'training',
      60_000,
    );
    trainer.child.kill('SIGINT');
    const done = await trainer.done;
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/run stopped \(signal:SIGINT\) at [\d,]+ of 1,000,000 games/);
    expect(state(run)).toBe('stopped');
    const saved = readdirSync(join(run, 'checkpoints')).filter((f) => f.endsWith('.prsm'));
    expect(saved).toHaveLength(1);
    const status = JSON.parse((await cli(['status', '--run-dir', run, '--json'])).stdout);
    expect(status).toMatchObject({ state: 'stopped', reason: 'signal:SIGINT', live: false });
    expect(status.latestCheckpoint.path).toContain(saved[0]);
  });

  it('bench --quick prints one JSON object', async () => {
    const r = await cli(['bench', '--quick', '--backend', 'js', '--no-checkpoint']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.machine.node).toBe(process.version);
    expect(json.js).toMatchObject({ backend: 'js', selfPlay: { games: 60, depth: 1 } });
    expect(json.js.selfPlay.gamesPerSecond).toBeGreaterThan(0);
    expect(json.js.search.nodesPerSecond).toBeGreaterThan(0);
    expect(json.js.evaluate.perSecond).toBeGreaterThan(0);
  });
});
