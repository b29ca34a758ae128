import { parentPort, workerData } from 'node:worker_threads';
import { type BatchMessage, runBatch } from './batch';
import { GameState } from './game';
import { Searcher } from './root';
import { TdLearner } from './td';

/**
 * The training worker: started lazily by the engine, kept for later batches. Its search tables,
 * TD scratch and game state are allocated once; the model itself is shared memory sent with each
 * batch. A batch runs synchronously (stop requests arrive through shared memory, not messages).
 */

const port = parentPort;
if (port === null) throw new Error('js-engine worker: not started as a worker thread');
const { ttBytes } = workerData as { ttBytes: number };
const tools = { searcher: new Searcher(ttBytes), learner: new TdLearner(), game: new GameState() };

port.on('message', (msg: BatchMessage) => {
  if (msg.type !== 'batch') return;
  const failures = runBatch(msg, tools, (reply) => port.postMessage(reply));
  port.postMessage({ type: 'done', batch: msg.batch, failures });
});
