import type { ServerResponse } from 'node:http';
import type { RunWatcher } from './run-watcher';

/** A client whose socket holds more than this unsent is too slow: it is dropped, not buffered. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
const KEEPALIVE_MS = 15_000;

/**
 * Server-sent events: every page gets `state` (the run snapshot) and `series` (the charts' data)
 * at once and again whenever the watcher reports a change. One serialisation per change, however
 * many pages listen.
 */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly unsubscribe: () => void;
  private readonly keepalive: NodeJS.Timeout;

  constructor(private readonly watcher: RunWatcher) {
    this.unsubscribe = watcher.onChange((kind) => this.broadcast(kind));
    this.keepalive = setInterval(() => this.send(': keepalive\n\n'), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  add(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(`retry: 2000\n${this.message('state')}${this.message('series')}`);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  private message(kind: 'state' | 'series'): string {
    const data = kind === 'state' ? this.watcher.snapshot : this.watcher.seriesData();
    return `event: ${kind}\ndata: ${JSON.stringify(data)}\n\n`;
  }

  private broadcast(kind: 'state' | 'series'): void {
    if (this.clients.size > 0) this.send(this.message(kind));
  }

  private send(text: string): void {
    for (const res of this.clients) {
      if (res.writableLength > MAX_PENDING_BYTES) {
        this.clients.delete(res);
        res.destroy();
        continue;
      }
      res.write(text);
    }
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.keepalive);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
