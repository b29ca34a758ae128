import { type ControlRequest, ControlWatcher } from '../run-dir/control';
import { describeError } from './errors';
import { initialStatus, type OpenRun } from './open-run';
import type { ManagerConfig } from './options';
import { installSignalHandlers } from './signals';
import { type RunStatus, StatusBoard } from '../run-dir/status';

/** What an open run is tied to besides its session: status.json, the control file, signals. */
export interface RunAttachments {
  status: StatusBoard;
  close(): void;
}

/**
 * Ties an open run to status.json (with its heartbeat), the control file (commands from other
 * processes) and, when asked, SIGINT/SIGTERM. Stale control commands, written before this process
 * took the run, are ignored: they were meant for a process that is gone.
 */
export function attachRun(
  run: OpenRun,
  config: ManagerConfig,
  runDir: string,
  hooks: {
    statusFields: () => Partial<RunStatus>;
    onControl: (request: ControlRequest) => void;
    onSignal: (signal: NodeJS.Signals) => Promise<unknown>;
  },
): RunAttachments {
  const status = new StatusBoard(runDir, initialStatus(run, config), (error) =>
    run.log.warn(
      { event: 'status_failed', err: describeError(error) },
      'status.json cannot be written',
    ),
  );
  status.update(hooks.statusFields(), true);
  status.startHeartbeat(hooks.statusFields);
  const control = new ControlWatcher(runDir, config.controlPollMs, hooks.onControl, (message) =>
    run.log.warn({ event: 'control_unreadable' }, message),
  );
  const stale = control.ignoreExisting();
  if (stale !== undefined) {
    run.log.info(
      { event: 'control_ignored', ...stale },
      `ignoring a ${stale.command} command sent before this process took the run`,
    );
  }
  control.start();
  const removeSignals = config.handleSignals
    ? installSignalHandlers(hooks.onSignal, run.log)
    : undefined;
  return {
    status,
    close: () => {
      removeSignals?.();
      control.stop();
      status.stopHeartbeat();
    },
  };
}
