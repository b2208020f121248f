// A worker_threads thread that runs the worker's logic (TrainerHost) exactly as web/src/worker/worker.js does in
// a browser, with the Node build of the wasm module: the adapter the protocol test drives.
import { parentPort } from 'node:worker_threads';

import { TrainerHost } from '../../src/worker/trainer_host.js';
import { loadTestRnnlab } from './load_wasm.js';

if (!parentPort) throw new Error('worker_entry.js runs as a worker thread');
const port = parentPort;
const host = new TrainerHost({
  post: (message, transfer) => port.postMessage(message, /** @type {any} */ (transfer)),
  load: () => loadTestRnnlab(),
});
port.on('message', (message) => host.receive(message));
