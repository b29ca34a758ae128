import type { Logger } from '@prismind/telemetry';

/** How long a stopped process may linger (open handles) before it is made to exit. */
const EXIT_GRACE_MS = 2_000;

/**
 * SIGINT/SIGTERM for a CLI: the first one stops the run cleanly (`stop(signal)`: the batch in hand
 * stops, a checkpoint is saved, the outcome written) and the process exits 0; a second one exits at
 * once (130 for SIGINT, 143 for SIGTERM) — atomic saves leave nothing half-written. Returns the
 * function that removes the handlers.
 */
export function installSignalHandlers(
  stop: (signal: NodeJS.Signals) => Promise<unknown>,
  log: Logger,
): () => void {
  let received: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    if (received !== undefined) {
      log.warn({ event: 'signal', signal }, `${signal} again: exiting at once`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    received = signal;
    log.warn({ event: 'signal', signal }, `${signal}: stopping after the batch in hand`);
    stop(signal).then(
      () => {
        process.exitCode = 0;
        setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
      },
      (error: unknown) => {
        log.error({ event: 'signal_stop_failed', err: String(error) }, 'clean stop failed');
        process.exitCode = 1;
        setTimeout(() => process.exit(1), EXIT_GRACE_MS).unref();
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
