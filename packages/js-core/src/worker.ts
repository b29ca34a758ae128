import { parentPort, workerData } from 'node:worker_threads';
import { type BatchMessage, runBatch } from './batch';
import { GameState } from './game';
import { Searcher } from './root';
import { runSearchMessage, type SearchMessage } from './search-message';
import { TdLearner } from './td';

/**
 * The engine's worker: a training worker (a batch at a time) or the search worker (a search at a
 * time), started lazily by the engine and kept for later work. Its search tables, TD scratch and
 * game state are allocated once; the model itself is shared memory sent with each message. Work
 * runs synchronously (stop requests arrive through shared memory, not messages).
 */

const port = parentPort;
if (port === null) throw new Error('js-engine worker: not started as a worker thread');
const { ttBytes } = workerData as { ttBytes: number };
const tools = { searcher: new Searcher(ttBytes), learner: new TdLearner(), game: new GameState() };

port.on('message', (msg: BatchMessage | SearchMessage) => {
  if (msg.type === 'search') {
    port.postMessage(runSearchMessage(msg, tools.searcher));
    return;
  }
  if (msg.type !== 'batch') return;
  const outcome = runBatch(msg, tools, (reply) => port.postMessage(reply));
  port.postMessage({ type: 'done', batch: msg.batch, ...outcome });
});
