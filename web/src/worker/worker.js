// The module worker that owns the model: `new Worker(new URL('./worker.js', import.meta.url), {type: 'module'})`.
// The messages are those of protocol.js; the logic is TrainerHost (trainer_host.js).
import { loadRnnlab } from '../api/rnnlab.js';
import { TrainerHost } from './trainer_host.js';

// The worker's global scope, as far as this file uses it (tsconfig.json checks web/src against the page's DOM
// lib, which has no DedicatedWorkerGlobalScope).
const scope = /** @type {{postMessage(message: unknown, transfer?: Transferable[]): void,
  onmessage: ((event: MessageEvent) => void) | null, onerror: ((event: ErrorEvent) => void) | null,
  onunhandledrejection: ((event: PromiseRejectionEvent) => void) | null}} */ (/** @type {unknown} */ (self));
const host = new TrainerHost({
  post: (message, transfer) => scope.postMessage(message, transfer),
  load: (options) => loadRnnlab(options),
});
scope.onmessage = (/** @type {MessageEvent} */ event) => host.receive(event.data);
// Whatever escapes the host (it catches everything it runs) still reaches the page as an error message.
scope.onerror = (/** @type {ErrorEvent} */ event) => {
  scope.postMessage({ type: 'error', replyTo: null, request: 'internal', message: String(event.message ?? event) });
};
scope.onunhandledrejection = (/** @type {PromiseRejectionEvent} */ event) => {
  scope.postMessage({ type: 'error', replyTo: null, request: 'internal', message: String(event.reason?.message ?? event.reason) });
};
