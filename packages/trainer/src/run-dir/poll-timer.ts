/**
 * A repeating timer that never keeps the process alive: what the run directory's watchers (the
 * control file, the status heartbeat, a dashboard following a run) poll with. `start` restarts it.
 */
export class PollTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tick: () => void,
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(this.tick, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }
}
