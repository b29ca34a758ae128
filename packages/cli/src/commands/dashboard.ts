import type { BackendChoice } from '@prismind/board/contracts';
import { type DashboardServer, isDashboardError, startDashboard } from '@prismind/dashboard';
import { CliError } from '../errors';
import { type CliIO, println } from '../io';

export interface DashboardArgs {
  runDir: string;
  /** Default 8080; 0 takes a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1; any other address requires the printed token. */
  host?: string | undefined;
  /** The engine that replays and plays checkpoints. Default 'auto'. */
  backend?: BackendChoice | undefined;
  /** Called with the server once it listens (tests and embedding close it from there). */
  onListening?: ((server: DashboardServer) => void) | undefined;
}

export const DEFAULT_DASHBOARD_PORT = 8080;

/**
 * `prismind-cli dashboard`: serves the run's dashboard (@prismind/dashboard) until Ctrl-C, or
 * until the server is closed through `onListening`. Prints the URL, with the token when the server
 * is bound beyond the loopback interface.
 */
export async function dashboardCommand(args: DashboardArgs, io: CliIO): Promise<number> {
  let server: DashboardServer;
  try {
    server = await startDashboard({
      runDir: args.runDir,
      port: args.port ?? DEFAULT_DASHBOARD_PORT,
      host: args.host,
      backend: args.backend,
    });
  } catch (error) {
    if (isDashboardError(error, 'DASHBOARD_NO_RUN_DIR')) {
      throw new CliError('NOT_FOUND', error.message, { cause: error });
    }
    if (isDashboardError(error, 'DASHBOARD_INVALID_OPTIONS')) {
      throw new CliError('BAD_ARGUMENT', error.message, { cause: error });
    }
    throw error;
  }
  println(io.stdout, `dashboard of ${args.runDir}: ${server.url}`);
  if (server.token !== null) {
    println(
      io.stdout,
      `access token: ${server.token} (required on every request: keep the URL private)`,
    );
  }
  println(io.stdout, 'Ctrl-C stops the dashboard (not the run)');
  const removeInterrupt = io.onInterrupt?.(() => void server.close());
  args.onListening?.(server);
  try {
    await server.closed;
  } finally {
    removeInterrupt?.();
  }
  return 0;
}
