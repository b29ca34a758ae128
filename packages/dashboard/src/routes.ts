import type { IncomingMessage, ServerResponse } from 'node:http';
import { LATEST, listCheckpoints, type ModelCache } from './checkpoints';
import { controlRun, parseControlRequest } from './control';
import { DashboardError } from './errors';
import type { EventHub } from './events';
import { listStoredGames, replayStoredGame } from './games';
import { readJsonBody, sendJson } from './http';
import { type PageAssets, pageHtml } from './page-assets';
import { parsePlayRequest, playTurn } from './play';
import type { RunWatcher } from './run-watcher';

/** What the handlers work with. */
export interface RouteContext {
  runDir: string;
  watcher: RunWatcher;
  events: EventHub;
  models: ModelCache;
  assets: PageAssets | null;
  token: string | null;
  controlWaitMs: number | undefined;
}

type Handler = (
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  params: string[],
) => void | Promise<void>;

interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  handle: Handler;
}

function send(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

function page(ctx: RouteContext): PageAssets {
  if (ctx.assets === null) {
    throw new DashboardError(
      'DASHBOARD_INTERNAL',
      'the page is not built: run `pnpm --filter @prismind/dashboard build`',
    );
  }
  return ctx.assets;
}

function gameNumber(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new DashboardError('DASHBOARD_BAD_REQUEST', `game "${text}": expected a game number`);
  }
  return n;
}

const ROUTES: Route[] = [
  {
    method: 'GET',
    path: /^\/$/,
    handle: (c, _q, r) => send(r, 'text/html', pageHtml(page(c), c.token)),
  },
  {
    method: 'GET',
    path: /^\/app\.js$/,
    handle: (c, _q, r) => send(r, 'text/javascript', page(c).js),
  },
  { method: 'GET', path: /^\/app\.css$/, handle: (c, _q, r) => send(r, 'text/css', page(c).css) },
  {
    method: 'GET',
    path: /^\/api\/state$/,
    handle: (c, _q, r) => sendJson(r, 200, c.watcher.snapshot),
  },
  {
    method: 'GET',
    path: /^\/api\/series$/,
    handle: (c, _q, r) => sendJson(r, 200, c.watcher.seriesData()),
  },
  { method: 'GET', path: /^\/api\/events$/, handle: (c, _q, r) => c.events.add(r) },
  {
    method: 'GET',
    path: /^\/api\/checkpoints$/,
    handle: (c, _q, r) => sendJson(r, 200, listCheckpoints(c.runDir)),
  },
  {
    method: 'GET',
    path: /^\/api\/games$/,
    handle: (c, _q, r) => sendJson(r, 200, listStoredGames(c.runDir)),
  },
  {
    method: 'GET',
    path: /^\/api\/games\/([^/]+)$/,
    handle: async (c, _q, r, url, [game]) => {
      const number = gameNumber(game!);
      const model = await c.models.get(url.searchParams.get('checkpoint') ?? LATEST);
      sendJson(r, 200, replayStoredGame(c.runDir, number, model));
    },
  },
  {
    method: 'POST',
    path: /^\/api\/control$/,
    handle: async (c, q, r) => {
      const command = parseControlRequest(await readJsonBody(q));
      sendJson(r, 200, await controlRun(c.runDir, command, c.controlWaitMs));
    },
  },
  {
    method: 'POST',
    path: /^\/api\/play$/,
    handle: async (c, q, r) => {
      const request = parsePlayRequest(await readJsonBody(q));
      sendJson(r, 200, await playTurn(request, await c.models.get(request.checkpoint)));
    },
  },
];

/** Finds the route of a request: 404 for an unknown path, 405 for a known one with another method. */
export function route(method: string, pathname: string): { handle: Handler; params: string[] } {
  let pathKnown = false;
  for (const r of ROUTES) {
    const match = r.path.exec(pathname);
    if (match === null) continue;
    pathKnown = true;
    if (r.method === method) return { handle: r.handle, params: match.slice(1) };
  }
  if (pathKnown) {
    throw new DashboardError(
      'DASHBOARD_METHOD_NOT_ALLOWED',
      `${method} ${pathname}: method not allowed`,
    );
  }
  throw new DashboardError('DASHBOARD_NOT_FOUND', `${pathname}: no such page or API`);
}
