import { replayMoves } from '@prismind/board';
import { readStoredGames, writeJsonAtomic } from '@prismind/trainer/run-dir';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, trainedRun } from '../test/run-fixture';
import { LATEST, ModelCache } from './checkpoints';
import type { GameReplay, StoredGameSummary } from './games';
import type { RunSnapshot } from './run-watcher';
import { type DashboardServer, startDashboard } from './server';

let run: Awaited<ReturnType<typeof trainedRun>>;
let server: DashboardServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  run = await trainedRun();
  // A damaged copy of the checkpoint: a valid name, a flipped byte in the payload.
  const good = join(run.runDir, 'checkpoints', 'ckpt-000000000120.prsm');
  const bad = join(run.runDir, 'checkpoints', 'ckpt-000000000060.prsm');
  copyFileSync(good, bad);
  const bytes = Buffer.from(readFileSync(bad));
  bytes[bytes.length - 100]! ^= 0xff;
  writeFileSync(bad, bytes);
  server = await startDashboard({ runDir: run.runDir, controlWaitMs: 500 });
  api = client(server.url);
});
afterAll(async () => {
  await server?.close();
  run?.remove();
});

async function errorOf(
  response: Response,
): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: body.error.code, message: body.error.message };
}

describe('the dashboard server', () => {
  it('refuses an unknown run directory at start with a clear error', async () => {
    await expect(startDashboard({ runDir: join(run.root, 'nope') })).rejects.toMatchObject({
      code: 'DASHBOARD_NO_RUN_DIR',
      message: expect.stringMatching(/does not exist or is not a directory/),
    });
  });

  it('serves the page, the state and the stored games of the run', async () => {
    const page = await api.get('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/app.js"></script>');
    const state = await api.json<RunSnapshot>('/api/state');
    expect(state).toMatchObject({ runId: 'run', status: { state: 'completed', games: 120 } });
    expect(state.checkpoints.map((c) => c.name)).toContain('ckpt-000000000120.prsm');
    const games = await api.json<{ total: number; games: StoredGameSummary[] }>('/api/games');
    expect(games).toMatchObject({ total: 4 });
    expect(games.games.map((g) => g.game)).toEqual([90, 60, 30, 0]);
  });

  it('replays a stored game to its final position with the model evaluating every ply', async () => {
    const stored = readStoredGames(run.runDir).find((g) => g.game === 60)!;
    const replay = await api.json<GameReplay>('/api/games/60?checkpoint=ckpt-000000000120.prsm');
    expect(replay.plies).toHaveLength(stored.moves.length);
    expect(replay.plies.every((p) => Number.isFinite(p.eval))).toBe(true);
    const final = replayMoves(stored.moves).final;
    expect(replay.final.score).toBe(stored.score);
    expect(replay.final.board).toBe(Array.from(final.toCells(), (c) => '.XO'[c]).join(''));
  });

  it('answers bad input with 4xx and a coded message, and stays up', async () => {
    const cases: [Promise<Response>, number, string, RegExp][] = [
      [api.get('/nope'), 404, 'DASHBOARD_NOT_FOUND', /no such page/],
      [api.post('/api/state', '{}'), 405, 'DASHBOARD_METHOD_NOT_ALLOWED', /method not allowed/],
      [api.get('/api/games/abc'), 400, 'DASHBOARD_BAD_REQUEST', /expected a game number/],
      [api.get('/api/games/31'), 404, 'DASHBOARD_NOT_FOUND', /stores no game 31/],
      [api.get('/api/games/0?checkpoint=../../x'), 404, 'DASHBOARD_NOT_FOUND', /no checkpoint/],
      [
        api.get('/api/games/0?checkpoint=ckpt-000000000060.prsm'),
        422,
        'DASHBOARD_BAD_CHECKPOINT',
        /ckpt-000000000060\.prsm does not load \(CKPT_/,
      ],
      [api.post('/api/control', '{"command":'), 400, 'DASHBOARD_BAD_REQUEST', /not JSON/],
      [
        api.post('/api/control', '{"command":"jump"}'),
        400,
        'DASHBOARD_BAD_REQUEST',
        /expected "pause"/,
      ],
      [
        api.post('/api/control', 'command=pause', 'application/x-www-form-urlencoded'),
        415,
        'DASHBOARD_UNSUPPORTED_MEDIA',
        /expected application\/json/,
      ],
      [
        api.post('/api/control', '{"command":"pause"}'),
        409,
        'DASHBOARD_RUN_NOT_ACTIVE',
        /no live trainer to pause/,
      ],
      [
        api.post('/api/play', JSON.stringify({ human: 'black', moves: [], move: 0 })),
        400,
        'DASHBOARD_ILLEGAL_MOVE',
        /a1: not a legal move; legal moves: d3 c4 f5 e6/,
      ],
      [
        api.post('/api/play', JSON.stringify({ human: 'black', moves: [0], move: 37 })),
        400,
        'DASHBOARD_BAD_REQUEST',
        /moves: move 1: a1 is illegal/,
      ],
      [
        api.post('/api/play', JSON.stringify({ human: 'red', moves: [] })),
        400,
        'DASHBOARD_BAD_REQUEST',
        /human/,
      ],
      [
        api.post('/api/play', JSON.stringify({ human: 'black', move: 37, depth: 99 })),
        400,
        'DASHBOARD_BAD_REQUEST',
        /depth/,
      ],
      [
        api.post('/api/play', JSON.stringify({ pad: 'x'.repeat(20_000) })),
        413,
        'DASHBOARD_TOO_LARGE',
        /over 16384 bytes/,
      ],
    ];
    for (const [response, status, code, message] of cases) {
      const error = await errorOf(await response);
      expect(error.status, error.message).toBe(status);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect((await api.get('/api/state')).status).toBe(200);
  });

  it('refuses a Host that is not the loopback (DNS rebinding)', async () => {
    // fetch may not set Host; node:http may.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(server.url, { headers: { host: 'attacker.example' } }, (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.code).toBe('DASHBOARD_FORBIDDEN_HOST');
  });

  it('plays a legal move and answers with the model’s move', async () => {
    const answer = await api.play({ human: 'black', moves: [], move: 37, depth: 2 });
    expect(answer.moves).toHaveLength(2);
    expect(answer.moves[0]).toBe(37);
    expect(answer.modelMoves).toHaveLength(1);
    expect([29, 43, 45]).toContain(answer.modelMoves[0]!.move);
    expect(answer.toMove).toBe(1);
    expect(answer.legal.length).toBeGreaterThan(0);
    const opening = await api.play({ human: 'white', moves: [] });
    expect(opening.moves).toHaveLength(1);
    expect(opening.toMove).toBe(2);
  });

  it('asks for the token on every request when bound beyond the loopback', async () => {
    const open = await startDashboard({ runDir: run.runDir, host: '0.0.0.0', token: 'sesame' });
    try {
      expect(open.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/\?token=sesame$/);
      const local = client(`http://127.0.0.1:${open.port}/`);
      expect((await errorOf(await local.get('/api/state'))).code).toBe('DASHBOARD_UNAUTHORIZED');
      expect((await local.get('/app.js')).status).toBe(401);
      expect((await local.get('/api/state?token=sesam')).status).toBe(401);
      expect((await local.get('/api/state?token=sesame')).status).toBe(200);
      expect((await local.get('/api/state', { authorization: 'Bearer sesame' })).status).toBe(200);
      const page = await (await local.get('/?token=sesame')).text();
      expect(page).toContain('src="/app.js?token=sesame"');
    } finally {
      await open.close();
    }
  });

  it('pushes a state event when status.json changes', async () => {
    const response = await api.get('/api/events');
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        text += decoder.decode(value);
      }
    };
    await until(/event: series\n/);
    const status = JSON.parse(readFileSync(join(run.runDir, 'status.json'), 'utf8'));
    writeJsonAtomic(join(run.runDir, 'status.json'), { ...status, games: 4242 });
    await until(/event: state\ndata: .*"games":4242/);
    await reader.cancel();
  });
});

describe('the engine behind replays and play', () => {
  it('is the backend asked for, and the two evaluate a stored game alike', async () => {
    for (const backend of ['native', 'js'] as const) {
      const models = new ModelCache(run.runDir, backend);
      expect((await models.get(LATEST)).backend).toBe(backend);
      await models.dispose();
    }
    const servers = await Promise.all(
      (['native', 'js'] as const).map((backend) => startDashboard({ runDir: run.runDir, backend })),
    );
    try {
      const [native, js] = await Promise.all(
        servers.map((s) =>
          client(s.url).json<GameReplay>('/api/games/60?checkpoint=ckpt-000000000120.prsm'),
        ),
      );
      expect(native!.plies.length).toBeGreaterThan(0);
      expect(native!.plies.map((p) => p.eval)).toEqual(js!.plies.map((p) => p.eval));
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});
