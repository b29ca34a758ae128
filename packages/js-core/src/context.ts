/**
 * What every node of one search shares: node counting and the reasons to stop early (node limit,
 * deadline, a shared stop flag). Time and the flag are polled every POLL_INTERVAL nodes (well under
 * a millisecond of work), so a stop request lands within the 100 ms promise.
 */

const POLL_INTERVAL = 1024;

export class SearchContext {
  nodes = 0;
  nodeLimit: number = Number.POSITIVE_INFINITY;
  deadline: number = Number.POSITIVE_INFINITY;
  /** Shared flag array (worker_threads): element `stopIndex` non-zero means stop. */
  stop: Int32Array | null = null;
  stopIndex = 0;
  /** When false, limits are ignored (depth 1 always completes). */
  interruptible = false;
  aborted = false;
  private nextPoll = POLL_INTERVAL;

  /** Start a search: counters reset, limits set (undefined = none). */
  reset(nodeLimit: number | undefined, timeMs: number | undefined, now: number): void {
    this.nodes = 0;
    this.nodeLimit = nodeLimit ?? Number.POSITIVE_INFINITY;
    this.deadline = timeMs === undefined ? Number.POSITIVE_INFINITY : now + timeMs;
    this.interruptible = false;
    this.aborted = false;
    this.nextPoll = Math.min(POLL_INTERVAL, this.nodeLimit + 1);
  }

  /** Count a node; true when the search must unwind now. */
  enter(): boolean {
    if (++this.nodes >= this.nextPoll) this.poll();
    return this.aborted;
  }

  private poll(): void {
    // Poll again after an interval, or exactly where the node limit falls if that is sooner.
    this.nextPoll = Math.min(
      this.nodes + POLL_INTERVAL,
      Math.max(this.nodeLimit + 1, this.nodes + 1),
    );
    if (!this.interruptible) return;
    if (this.nodes > this.nodeLimit || this.stopRequested() || this.pastDeadline()) {
      this.aborted = true;
    }
  }

  /** The time limit has passed (checked between iterations too). */
  pastDeadline(): boolean {
    return this.deadline !== Number.POSITIVE_INFINITY && performance.now() >= this.deadline;
  }

  /** A stop request, however the search is configured. */
  stopRequested(): boolean {
    return this.stop !== null && Atomics.load(this.stop, this.stopIndex) !== 0;
  }
}
