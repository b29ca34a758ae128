import { runCli } from './main';

// The `prismind-cli` entry: process streams in, exit code out. Ctrl-C handling belongs to the
// commands (train saves through the TrainingManager; monitor registers through onInterrupt).
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  onInterrupt: (handler) => {
    process.on('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
});
process.exitCode = code;
