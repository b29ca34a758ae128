import { Worker } from 'node:worker_threads';
import type { GameFailure, SampledGame } from '@prismind/board/contracts';
import type { BatchMessage, WorkerReply } from './batch';
import { BATCH, CANCELLED, NOT_STARTED, releaseLockOf, START, STOP } from './shared-control';
import { workerScript } from './worker-script';

/**
 * The engine's training workers: started lazily, reused across batches, unref'd while idle (an
 * engine left undisposed does not keep the process alive). A worker that dies during a batch
 * stops the batch: the stop flag is raised, its lock (if it held it) is released so the others can
 * finish, and the batch settles with `crashed` set; the dead worker is replaced next time.
 */

export interface BatchRun {
  failures: GameFailure[];
  sampled: SampledGame[];
  /** Why a worker died during the batch, or null. */
  crashed: string | null;
}

export class WorkerPool {
  private readonly workers: (Worker | null)[] = [];
  private batches = 0;
  private cancel: (() => void) | null = null;

  constructor(private readonly ttBytes: number) {}

  /** Live workers. */
  get size(): number {
    return this.workers.filter((w) => w !== null).length;
  }

  private spawn(slot: number): Worker {
    const script = workerScript();
    const worker = new Worker(script.script, {
      eval: script.evalCode,
      workerData: { ttBytes: this.ttBytes },
      execArgv: script.execArgv,
    });
    worker.unref();
    worker.once('exit', () => {
      if (this.workers[slot] === worker) this.workers[slot] = null;
    });
    // An idle worker's error would otherwise be an uncaught 'error' event; batches listen too.
    worker.on('error', () => {});
    return worker;
  }

  /**
   * Run one batch on `count` workers; `message(id, batch)` builds worker `id`'s (1..count)
   * message. Sets control[BATCH] and the workers' start flags.
   */
  run(
    count: number,
    message: (id: number, batch: number) => BatchMessage,
    control: Int32Array,
    onProgress: (stats: number[]) => void,
  ): Promise<BatchRun> {
    for (let i = 0; i < count; i++) {
      if (!this.workers[i]) this.workers[i] = this.spawn(i);
    }
    const batch = ++this.batches;
    Atomics.store(control, BATCH, batch);
    for (let id = 1; id <= count; id++) Atomics.store(control, START + id, NOT_STARTED);
    return new Promise((resolve) => {
      const failures: GameFailure[] = [];
      const sampled: SampledGame[] = [];
      let crashed: string | null = null;
      let pending = count;
      const finishers = new Map<number, () => void>();
      this.cancel = () => {
        // Workers that have not started the batch yet (still booting, or busy with a stale
        // message) never will: settle without waiting for them.
        for (const [id, finish] of finishers) {
          if (
            Atomics.compareExchange(control, START + id, NOT_STARTED, CANCELLED) === NOT_STARTED
          ) {
            finish();
          }
        }
      };
      for (let i = 0; i < count; i++) {
        const worker = this.workers[i]!;
        const id = i + 1;
        let settled = false;
        const finish = (): void => {
          if (settled) return;
          settled = true;
          finishers.delete(id);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          worker.unref();
          if (--pending === 0) {
            this.cancel = null;
            resolve({ failures, sampled, crashed });
          }
        };
        const onMessage = (reply: WorkerReply): void => {
          if (reply.batch !== batch) return;
          if (reply.type === 'progress') onProgress(reply.stats);
          else if (reply.type === 'done') {
            failures.push(...reply.failures);
            sampled.push(...reply.sampled);
            finish();
          }
        };
        const onError = (error: Error): void => {
          crashed ??= `worker ${id} failed: ${error.message}`;
        };
        const onExit = (code: number): void => {
          crashed ??= `worker ${id} exited with code ${code} during the batch`;
          // Let the other workers settle: stop them, and free the lock if the dead one held it.
          Atomics.store(control, STOP, 1);
          releaseLockOf(control, id);
          finish();
          this.cancel?.();
        };
        finishers.set(id, finish);
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        worker.ref();
        worker.postMessage(message(id, batch));
      }
    });
  }

  /** After a stop request: settle the running batch's workers that have not started it. */
  cancelUnstarted(): void {
    this.cancel?.();
  }

  async terminate(): Promise<void> {
    const live = this.workers.filter((w): w is Worker => w !== null);
    this.workers.length = 0;
    await Promise.all(live.map((w) => w.terminate()));
  }
}
