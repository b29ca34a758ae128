import { type ControlCommand, sendControl } from '@prismind/trainer';
import { resolve } from 'node:path';
import { CliError, EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { requireRun } from '../run-dir';

export interface ControlArgs {
  runDir: string;
  /** Seconds to wait for the trainer to finish (pause: saved; stop: ended). 0: do not wait. */
  wait?: number | undefined;
  json?: boolean | undefined;
}

/**
 * `pause` and `stop`: writes the command for the process that trains the run and, unless
 * `--wait 0`, waits until it is done (the checkpoint saved). Pause leaves that process waiting for
 * `resume`; stop ends it.
 */
export async function controlCommand(
  command: Extract<ControlCommand, 'pause' | 'stop'>,
  args: ControlArgs,
  io: CliIO,
): Promise<number> {
  const runDir = resolve(args.runDir);
  await requireRun(args.runDir, io);
  const waitSeconds = args.wait ?? 60;
  const reply = await sendControl(runDir, command, {
    waitMs: waitSeconds * 1000,
    until: waitSeconds === 0 ? 'accepted' : 'done',
  });
  const ack = reply.ack;
  if (args.json) {
    println(
      io.stdout,
      JSON.stringify({
        command,
        id: reply.id,
        result: ack?.result ?? (waitSeconds === 0 ? 'sent' : 'no-answer'),
        message: ack?.message ?? null,
        state: reply.status?.state ?? null,
        games: reply.status?.games ?? null,
      }),
    );
  }
  if (waitSeconds === 0) {
    if (!args.json) println(io.stdout, `${command} sent to process ${reply.status?.pid}`);
    return EXIT.OK;
  }
  if (ack === null) {
    throw new CliError(
      'FAILED',
      `${command}: no answer from process ${reply.status?.pid} within ${waitSeconds} s`,
    );
  }
  if (ack.result === 'rejected' || ack.result === 'failed') {
    throw new CliError(
      'BAD_STATE',
      `${command} ${ack.result}: ${ack.message ?? 'no reason given'}`,
    );
  }
  if (!args.json) println(io.stdout, ack.message ?? `${command}: ${ack.result}`);
  return EXIT.OK;
}
