import type { DashboardServer } from '@prismind/dashboard';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/fixtures';
import { bufferedIO } from '../io';
import { runCli } from '../main';
import { dashboardCommand } from './dashboard';
import { trainCommand } from './train';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('prismind-cli dashboard', () => {
  it('serves a run, prints its URL and ends when the server closes', async () => {
    const runDir = join(tmp.dir, 'run');
    const trained = bufferedIO();
    const code = await trainCommand(
      { runDir, games: 40, backend: 'js', seed: 3, storeGamesEvery: 20, handleSignals: false },
      trained,
    );
    expect(code, trained.err()).toBe(0);
    const io = bufferedIO();
    let server: DashboardServer | undefined;
    const onListening = (started: DashboardServer): void => {
      server = started;
    };
    const ended = dashboardCommand({ runDir, port: 0, onListening }, io);
    await expect.poll(() => server).toBeDefined();
    expect(io.out()).toMatch(/^dashboard of .*run: http:\/\/127\.0\.0\.1:\d+\/$/m);
    const state = (await (await fetch(`${server!.url}api/state`)).json()) as { status: unknown };
    expect(state.status).toMatchObject({ games: 40, state: 'completed' });
    await server!.close();
    expect(await ended).toBe(0);
  });

  it('refuses a missing run directory and a bad port', async () => {
    const missing = bufferedIO();
    expect(await runCli(['dashboard', '--run-dir', join(tmp.dir, 'nope')], missing)).toBe(1);
    expect(missing.err()).toMatch(/nope does not exist or is not a directory/);
    const port = bufferedIO();
    expect(await runCli(['dashboard', '--run-dir', tmp.dir, '--port', '70000'], port)).toBe(2);
    expect(port.err()).toMatch(/--port/);
  });
});
