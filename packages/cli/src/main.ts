import yargs, { type Argv } from 'yargs';
import packageJson from '../package.json';
import { CliError, EXIT, oneLine, reportError } from './errors';
import { type CliIO, println } from './io';
import { checkpointSpec } from './spec/checkpoint';
import { dashboardSpec } from './spec/dashboard';
import { debugSpec } from './spec/debug';
import { evaluateSpec } from './spec/evaluate';
import type { Run } from './spec/shared';
import { toolsSpec } from './spec/tools';
import { runSpec, trainSpec } from './spec/training';

/** Every command wired on a yargs instance (no parsing yet). */
export function buildParser(io: CliIO, run: Run): Argv {
  let y: Argv = yargs()
    .scriptName('prismind-cli')
    .usage('$0 <command> [options]')
    .option('verbose', {
      type: 'boolean',
      describe: 'stack traces of errors and protocol diagnostics',
    })
    .strict()
    .demandCommand(1, 'give a command')
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(packageJson.version)
    .wrap(Math.min(120, io.stdout.columns ?? 120))
    .epilogue(
      'Exit codes: 0 done, 1 failed (missing run, bad checkpoint, failed run), 2 bad command line, 3 evaluate --strict missed a threshold.',
    )
    .fail((message, error) => {
      // yargs goes on after fail() returns: throwing is what stops it. Errors of command handlers
      // never come here (run() catches them): this is the command line's fault (a coerce or a
      // validation), which yargs wraps in its own error type.
      if (error instanceof CliError) throw error;
      const text = error?.message ?? message ?? 'bad command line';
      throw new CliError('BAD_ARGUMENT', `${oneLine(text)} (see prismind-cli --help)`);
    });
  for (const spec of [
    trainSpec,
    runSpec,
    evaluateSpec,
    checkpointSpec,
    debugSpec,
    dashboardSpec,
    toolsSpec,
  ]) {
    y = spec(y, run, io);
  }
  return y;
}

/**
 * Runs prismind-cli with `argv` (without node and the script) on `io`; resolves to the exit code.
 * Nothing here exits the process or throws: every error is reported as one line on stderr.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const cio: CliIO = { ...io, verbose: io.verbose === true || argv.includes('--verbose') };
  let code: number | undefined;
  const run: Run = async (task) => {
    try {
      code = await task();
    } catch (error) {
      code = reportError(error, cio);
    }
  };
  let output = '';
  try {
    await buildParser(cio, run).parseAsync([...argv], {}, (_error, _argv, text) => {
      output = text ?? '';
    });
  } catch (error) {
    code ??= reportError(error, cio);
  }
  if (output !== '') println(io.stdout, output);
  return code ?? EXIT.OK;
}
