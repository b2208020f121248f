// WorkerConnection: the protocol client of web/src/worker/client.js, plus what a page needs around it:
// every snapshot (streamed or the reply to a step) as one 'snapshot' event, 'paused', 'sample' and unasked 'error'
// events, a time limit on each request, and 'death' when the worker itself fails (its script does not load, an
// uncaught error ends it, or its wasm module traps or aborts: a fatal error), after which the worker is ended and
// every request fails at once with that message.
import { WorkerClient } from '../worker/client.js';

/** @typedef {import('../worker/protocol.js').RequestType} RequestType */
/**
 * @template {RequestType} R
 * @typedef {import('../worker/protocol.js').ReplyTo<R>} ReplyTo
 */

export class WorkerRequestError extends Error {
  /**
   * @param {string} message
   * @param {{key?: string, request?: string}} [options]  key: the config key at fault; request: the request type
   */
  constructor(message, { key, request } = {}) {
    super(message);
    this.name = 'WorkerRequestError';
    this.key = key;
    this.request = request;
  }
}

/** @type {Record<string, number>} */
const TIMEOUT_MS = { init: 30_000, default: 20_000 };

export class WorkerConnection extends EventTarget {
  /** @param {Worker} worker */
  constructor(worker) {
    super();
    this.worker = worker;
    this.client = new WorkerClient(worker);
    this.dead = false;
    this.deathMessage = '';
    /** @type {Set<(error: unknown) => void>} reject functions of requests in flight, failed at once if the worker dies */
    this.waiting = new Set();
    this.client.on('snapshot', (message) => this.emit('snapshot', message));
    this.client.on('paused', (message) => this.emit('paused', message));
    this.client.on('sample', (message) => this.emit('sample', message));
    this.client.on('error', (message) => { if (!message.fatal) this.emit('error', message); });
    this.client.on('fatal', (message) => this.die(`its WebAssembly module failed (${message.message})`));
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      this.die(event.message ? `it hit an uncaught error (${event.message})` : 'it could not start (see the browser console)');
    });
    worker.addEventListener('messageerror', () => this.die('it sent a message that could not be read'));
  }

  /** @param {string} type @param {unknown} data  the MessageEvent's data */
  emit(type, data) {
    this.dispatchEvent(new MessageEvent(type, { data }));
  }

  /**
   * @template {RequestType} R
   * @param {R} type
   * @param {Record<string, unknown>} [fields]
   * @param {Transferable[]} [transfer]  buffers handed to the worker, not copied
   * @returns {Promise<ReplyTo<R>>} the reply; rejects with a WorkerRequestError naming the request and key
   */
  request(type, fields = {}, transfer = []) {
    if (this.dead) return Promise.reject(new WorkerRequestError(this.deathMessage, { request: type }));
    const timeout = TIMEOUT_MS[type] ?? TIMEOUT_MS.default;
    return new Promise((resolve, reject) => {
      /** @param {any} error  whatever the request failed with (an Error, usually with a `key`) */
      const fail = (error) => {
        clearTimeout(timer);
        this.waiting.delete(fail);
        reject(error instanceof WorkerRequestError ? error
          : new WorkerRequestError(error?.message ?? String(error), { key: error?.key, request: type }));
      };
      const timer = setTimeout(() => fail(new WorkerRequestError(
        `the training worker did not answer "${type}" within ${timeout / 1000} s`, { request: type })), timeout);
      this.waiting.add(fail);
      this.client.request(type, fields, transfer).then((reply) => {
        if (!this.waiting.has(fail)) return;  // timed out or the worker died meanwhile
        clearTimeout(timer);
        this.waiting.delete(fail);
        if (reply.type === 'snapshot') this.emit('snapshot', reply);
        resolve(reply);
      }, fail);
    });
  }

  /** @param {string} reason  completes "The training worker stopped: ..." */
  die(reason) {
    if (this.dead) return;
    this.dead = true;
    this.deathMessage = `the training worker stopped: ${reason}`;
    this.worker.terminate();  // whatever state it is in, it is no longer trusted
    for (const fail of [...this.waiting]) fail(new WorkerRequestError(this.deathMessage));
    this.emit('death', { message: reason });
  }

  terminate() {
    this.die('it was ended by the page');
  }
}
