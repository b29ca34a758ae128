import { sendControl, TrainingManager } from '@prismind/trainer';
import { basename, resolve } from 'node:path';
import { CliError, EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { requireRun, runStatus } from '../run-dir';
import { int } from '../view/format';
import { runWithView } from '../view/training-view';
import { managerOptions, type TrainArgs } from './train';

/** `prismind-cli resume`: the run, a new target if wanted, and what may change on the way. */
export type ResumeArgs = Pick<
  TrainArgs,
  | 'runDir'
  | 'games'
  | 'backend'
  | 'threads'
  | 'logLevel'
  | 'json'
  | 'interval'
  | 'handleSignals'
  | 'compress'
  | 'compressionLevel'
  | 'keep'
  | 'keepEvery'
> & {
  /** Seconds to wait for a live trainer's answer. Default 30. */
  wait?: number | undefined;
};

/**
 * Resumes a run. When a live process holds it paused, that process is asked to go on (control
 * protocol) and this command returns once it has; otherwise the run is opened here and trained to
 * its target (or `--games`) with the live view, from its latest valid checkpoint.
 */
export async function resumeCommand(args: ResumeArgs, io: CliIO): Promise<number> {
  const runDir = resolve(args.runDir);
  const manifest = await requireRun(args.runDir, io);
  const { status } = runStatus(runDir, io);
  if (status?.live) {
    if (args.games !== undefined) {
      throw new CliError(
        'BAD_STATE',
        `${args.runDir} is being trained by process ${status.pid} (${status.state}); --games applies ` +
          'only to a run no process holds: stop it first, then resume with --games',
      );
    }
    if (status.state === 'training') {
      println(io.stdout, `already training (process ${status.pid}, ${int(status.games)} games)`);
      return EXIT.OK;
    }
    return resumeLive(runDir, args, io);
  }
  const games = status?.games ?? manifest.games;
  const target = args.games ?? manifest.settings.targetGames;
  if (target <= games) {
    throw new CliError(
      'BAD_STATE',
      `${args.runDir} has ${int(games)} games, its target is ${int(target)}: nothing to resume; ` +
        'give a larger --games to train further',
    );
  }
  const chosen: { backend?: string } = {};
  const manager = await TrainingManager.open(runDir, managerOptions(args, io, chosen));
  return runWithView(manager, { targetGames: args.games }, io, {
    json: args.json,
    // the games of the checkpoint actually loaded, not the manifest's (a newer one may be damaged)
    restoredLine: (e) =>
      `resuming ${runDir} from ${int(e.games)} to ${int(target)} games (${e.path})`,
    runId: basename(runDir),
    backend: () => chosen.backend,
    plainIntervalMs: args.interval === undefined ? undefined : args.interval * 1000,
  });
}

async function resumeLive(runDir: string, args: ResumeArgs, io: CliIO): Promise<number> {
  const waitMs = (args.wait ?? 30) * 1000;
  const reply = await sendControl(runDir, 'resume', { waitMs, until: 'done' });
  const ack = reply.ack;
  if (args.json) {
    println(io.stdout, JSON.stringify({ command: 'resume', ack, state: reply.status?.state }));
  }
  if (ack === null) {
    throw new CliError(
      'FAILED',
      `no answer from process ${reply.status?.pid} within ${waitMs / 1000} s`,
    );
  }
  if (ack.result !== 'done') {
    throw new CliError('BAD_STATE', `resume ${ack.result}: ${ack.message ?? 'no reason given'}`);
  }
  if (!args.json) println(io.stdout, `resumed: ${ack.message ?? 'training'}`);
  return EXIT.OK;
}
