import { type ControlAck, type ControlCommand, sendControl } from '@prismind/trainer/run-dir';
import { badRequest, DashboardError } from './errors';

const COMMANDS: readonly ControlCommand[] = ['pause', 'resume', 'stop'];

export interface ControlAnswer {
  command: ControlCommand;
  id: string;
  /** The trainer's answer, or null when none came in time (the command stays in control.json). */
  ack: ControlAck | null;
}

/** How long a control request waits for the trainer to finish (a pause saves a checkpoint). */
export const CONTROL_WAIT_MS = 20_000;

export function parseControlRequest(body: unknown): ControlCommand {
  const command = (body as { command?: unknown } | null)?.command;
  if (!COMMANDS.includes(command as ControlCommand)) {
    throw badRequest(`command ${JSON.stringify(command)}: expected "pause", "resume" or "stop"`);
  }
  return command as ControlCommand;
}

/**
 * Sends a command through the run's control protocol (control.json, the same as `prismind-cli
 * pause`) and waits for the trainer's answer. A run no live process trains is 409 RUN_NOT_ACTIVE;
 * a command the trainer refuses in its state is 409 CONTROL_REJECTED with its message.
 */
export async function controlRun(
  runDir: string,
  command: ControlCommand,
  waitMs: number = CONTROL_WAIT_MS,
): Promise<ControlAnswer> {
  let result: Awaited<ReturnType<typeof sendControl>>;
  try {
    result = await sendControl(runDir, command, { waitMs, until: 'done' });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'RUN_NOT_ACTIVE') {
      throw new DashboardError('DASHBOARD_RUN_NOT_ACTIVE', (error as Error).message, {
        cause: error,
      });
    }
    throw error;
  }
  if (result.ack?.result === 'rejected' || result.ack?.result === 'failed') {
    throw new DashboardError(
      'DASHBOARD_CONTROL_REJECTED',
      `${command} ${result.ack.result}: ${result.ack.message ?? 'no reason given'}`,
      { details: { ack: result.ack } },
    );
  }
  return { command, id: result.id, ack: result.ack };
}
