import { guardClosedPipe } from './closed-pipe';
import { runCli } from './main';

// The `prismind-cli` entry: process streams in, exit code out. Ctrl-C handling belongs to the
// commands (train saves through the TrainingManager; monitor registers through onInterrupt).
// A closed stdout or stderr (`| head`) ends what registered for interrupts, as Ctrl-C would; a
// training run is not interrupted by it: it trains on to its target and saves as usual.
const interruptHandlers = new Set<() => void>();
const interruptAll = (): void => {
  for (const handler of interruptHandlers) handler();
};
const code = await runCli(process.argv.slice(2), {
  stdout: guardClosedPipe(process.stdout, interruptAll),
  stderr: guardClosedPipe(process.stderr, interruptAll),
  stdin: process.stdin,
  onInterrupt: (handler) => {
    interruptHandlers.add(handler);
    process.on('SIGINT', handler);
    return () => {
      interruptHandlers.delete(handler);
      process.off('SIGINT', handler);
    };
  },
});
process.exitCode = code;
