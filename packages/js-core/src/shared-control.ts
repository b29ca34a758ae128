/**
 * The small shared arrays of a training batch besides the model: control flags (Int32Array, for
 * Atomics) and running statistics (Float64Array, written under the lock).
 */

/** control[STOP] != 0: stop now (requestStop, or a crashed worker). */
export const STOP = 0;
/** control[LOCK]: 0 free, else the id (1..) of the worker applying an update. */
export const LOCK = 1;
/** control[NEXT]: the next batch-relative game index to hand out (Atomics.add). */
export const NEXT = 2;
/** control[BATCH]: the number of the current batch; a message of another batch is stale. */
export const BATCH = 3;
/**
 * control[START + id] for worker id (1..256): 0 batch not started yet, 1 started by the worker,
 * 2 cancelled by the main thread (a stop before the worker got to it, e.g. while it boots).
 * Whoever moves it from 0 first wins (Atomics.compareExchange), so a cancelled worker never plays.
 */
export const START = 4;
export const NOT_STARTED = 0;
export const STARTED = 1;
export const CANCELLED = 2;
export const MAX_WORKERS = 256;
export const CONTROL_SIZE: number = START + MAX_WORKERS + 1;

export const S_LEARNED = 0;
export const S_FAILED = 1;
export const S_BLACK_WINS = 2;
export const S_WHITE_WINS = 3;
export const S_DRAWS = 4;
export const S_SUM_DIFF = 5;
export const S_SUM_ABS_DIFF = 6;
export const S_MOVES = 7;
export const S_RESETS = 8;
/** Σ of the learned games' TD errors (TdLearner.meanAbsError), in the order they are learned. */
export const S_SUM_TD_ERROR = 9;
export const STATS_SIZE = 10;

/** Spins before sleeping on the lock: updates are short, so waiting is usually brief. */
const SPINS = 64;

/** Take the update lock as worker `id` (1..). */
export function acquireLock(control: Int32Array, id: number): void {
  for (let spins = 0; ; spins++) {
    const holder = Atomics.compareExchange(control, LOCK, 0, id);
    if (holder === 0) return;
    // The timeout keeps a waiter alive even if a notify is missed (e.g. a crashed holder whose
    // lock the main thread released).
    if (spins >= SPINS) Atomics.wait(control, LOCK, holder, 5);
  }
}

export function releaseLock(control: Int32Array): void {
  Atomics.store(control, LOCK, 0);
  Atomics.notify(control, LOCK, 1);
}

/** Release the lock if worker `id` holds it (the main thread, when that worker died). */
export function releaseLockOf(control: Int32Array, id: number): boolean {
  if (Atomics.compareExchange(control, LOCK, id, 0) !== id) return false;
  Atomics.notify(control, LOCK);
  return true;
}

/** Failures listed in a batch result; all are counted in `failedGames` (S_FAILED). */
export const MAX_LISTED_FAILURES = 100;
