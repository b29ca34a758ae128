import { Worker } from 'node:worker_threads';
import { PrismindError } from '@prismind/board/contracts';
import type { SearchOutcome } from './root';
import type { SearchMessage, SearchReply } from './search-message';
import { workerScript } from './worker-script';

/**
 * The JS engine's search thread: searches run on one worker_thread (started on the first search,
 * unref'd while idle) so the main thread stays free to read input and to stop a search, which it
 * does through the search's shared stop flag (docs/engine-spec.md, "Stopping a search"). Searches
 * run one at a time in call order. If the worker dies, its searches reject with ENGINE_FAILURE and
 * the next search starts a fresh worker.
 */

type Pending = {
  resolve: (outcome: SearchOutcome) => void;
  reject: (error: Error) => void;
  stop: Int32Array;
  settled: Promise<unknown>;
};

export class SearchWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly ttBytes: number) {}

  /** Searches sent and not settled yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Run a search; `message` gets its id. */
  run(message: Omit<SearchMessage, 'id' | 'type'>): Promise<SearchOutcome> {
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    let resolve: Pending['resolve'] = () => {};
    let reject: Pending['reject'] = () => {};
    const settled = new Promise<SearchOutcome>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    this.pending.set(id, { resolve, reject, stop: message.stop, settled: settled.catch(() => {}) });
    worker.ref();
    worker.postMessage({ ...message, type: 'search', id } satisfies SearchMessage);
    return settled;
  }

  /** Raise the stop flag of every search in flight and wait until they settle. */
  async stopAll(): Promise<void> {
    const settling = [...this.pending.values()].map((p) => {
      Atomics.store(p.stop, 0, 1);
      return p.settled;
    });
    await Promise.all(settling);
  }

  async terminate(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private spawn(): Worker {
    const script = workerScript();
    const worker = new Worker(script.script, {
      eval: script.evalCode,
      workerData: { ttBytes: this.ttBytes },
      execArgv: script.execArgv,
    });
    worker.on('message', (reply: SearchReply) => this.settle(reply));
    worker.on('error', (error: Error) =>
      this.fail(worker, `the search worker failed: ${error.message}`),
    );
    worker.once('exit', (code) => this.fail(worker, `the search worker exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private settle(reply: SearchReply): void {
    const p = this.pending.get(reply.id);
    if (p === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.type === 'searched') p.resolve(reply.outcome);
    else p.reject(new PrismindError('ENGINE_FAILURE', `the search failed: ${reply.message}`));
  }

  /** The worker is gone: its searches cannot finish. */
  private fail(worker: Worker, why: string): void {
    // A late event of a worker already replaced concerns none of the current searches.
    if (this.worker !== worker && this.worker !== null) return;
    this.worker = null;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new PrismindError('ENGINE_FAILURE', why));
    }
  }
}
