import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BackendChoice } from '@prismind/board/contracts';
import { checkAccess, isLoopback, newToken } from './access';
import { ModelCache } from './checkpoints';
import { DashboardError } from './errors';
import { EventHub } from './events';
import { sendError } from './http';
import { loadPageAssets } from './page-assets';
import { type RouteContext, route } from './routes';
import { RunWatcher, type RunWatcherOptions } from './run-watcher';

export interface DashboardOptions {
  /** The run directory to show (it must exist; the run need not be live). */
  runDir: string;
  /** Default 0: a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1. Any other address requires the access token on every request. */
  host?: string | undefined;
  /** The token for a non-loopback host; default a fresh random one. Ignored on the loopback. */
  token?: string | undefined;
  /** How the run is followed (polling period, ...). */
  watch?: RunWatcherOptions | undefined;
  /** How long a control request waits for the trainer's answer. Default 20 s. */
  controlWaitMs?: number | undefined;
  /**
   * The engine that replays and plays checkpoints: 'auto' (default: native when its binary loads,
   * else js), 'native' or 'js'.
   */
  backend?: BackendChoice | undefined;
}

export interface DashboardServer {
  /** The page's URL, with the token when one is required. */
  url: string;
  port: number;
  host: string;
  /** The access token, or null on the loopback. */
  token: string | null;
  watcher: RunWatcher;
  /** Stops the server (not the run): the watcher, the event streams, the engines. */
  close(): Promise<void>;
  /** Settles once the server was closed. */
  closed: Promise<void>;
}

function requireRunDir(runDir: string): string {
  const dir = resolve(runDir);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) {
    throw new DashboardError(
      'DASHBOARD_NO_RUN_DIR',
      `run directory ${dir} does not exist or is not a directory; expected a run made by prismind-cli train`,
      { details: { runDir: dir } },
    );
  }
  return dir;
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new DashboardError('DASHBOARD_INVALID_OPTIONS', `port ${port}: expected 0..65535`);
  }
  return port;
}

/**
 * Serves the dashboard of one run (packages/dashboard/README.md): the page, its JSON API and its
 * event stream. Every request gets an answer, errors as coded JSON; nothing a request sends can
 * stop the server.
 */
export async function startDashboard(options: DashboardOptions): Promise<DashboardServer> {
  const runDir = requireRunDir(options.runDir);
  const port = checkPort(options.port ?? 0);
  const host = options.host ?? '127.0.0.1';
  const token = isLoopback(host) ? null : (options.token ?? newToken());
  const watcher = new RunWatcher(runDir, options.watch);
  const ctx: RouteContext = {
    runDir,
    watcher,
    events: new EventHub(watcher),
    models: new ModelCache(runDir, options.backend),
    assets: loadPageAssets(),
    token,
    controlWaitMs: options.controlWaitMs,
  };
  const server = createServer((req, res) => {
    void handle(ctx, req, res);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await listen(server, port, host);
  watcher.start();
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  let markClosed = (): void => {};
  const closed = new Promise<void>((done) => {
    markClosed = done;
  });
  return {
    url: `http://${shown}:${address.port}/${query}`,
    port: address.port,
    host,
    token,
    watcher,
    closed,
    close: async () => {
      watcher.stop();
      ctx.events.close();
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await ctx.models.dispose();
      markClosed();
    },
  };
}

async function handle(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://dashboard');
    checkAccess(req, url, ctx.token);
    const { handle: run, params } = route(req.method ?? 'GET', url.pathname);
    await run(ctx, req, res, url, params);
  } catch (error) {
    sendError(res, error);
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new DashboardError(
          'DASHBOARD_INVALID_OPTIONS',
          `cannot listen on ${host}:${port}: ${error.code ?? error.message}`,
          { cause: error },
        ),
      ),
    );
    server.listen(port, host, () => done());
  });
}
