import { integer } from '../args';
import { DEFAULT_DASHBOARD_PORT, dashboardCommand } from '../commands/dashboard';
import { backendOption, runDirOption, type Spec } from './shared';

/** `dashboard`: a run's live web dashboard (@prismind/dashboard). */
export const dashboardSpec: Spec = (y, run, io) =>
  y.command(
    'dashboard',
    'serve a live web dashboard of a run: curves, control, replays of its games, play its model',
    (c) =>
      c
        .option('run-dir', runDirOption)
        .option('port', {
          describe: `port, 0: any free one [default: ${DEFAULT_DASHBOARD_PORT}]`,
          coerce: integer('port', 0, 65_535),
          requiresArg: true,
        })
        .option('host', {
          type: 'string',
          requiresArg: true,
          describe:
            'address to listen on [default: 127.0.0.1]; any other requires the access token printed at start',
        })
        .option('backend', {
          ...backendOption,
          describe: `${backendOption.describe}: the engine that replays and plays checkpoints [default: auto]`,
        })
        .example('$0 dashboard --run-dir runs/r1', 'then open the printed URL')
        .example(
          '$0 dashboard --run-dir runs/r1 --host 0.0.0.0 --port 9000',
          'reachable from other machines, with a token',
        ),
    (a) =>
      run(() =>
        dashboardCommand(
          {
            runDir: a['run-dir'] as string,
            port: a.port as number | undefined,
            host: a.host as string | undefined,
            backend: a.backend as never,
          },
          io,
        ),
      ),
  );
