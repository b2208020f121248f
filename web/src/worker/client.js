// The page's side of the worker protocol (protocol.js): request(type, fields) resolves with the reply or rejects
// with an RnnlabError for an `error` reply; on(type, handler) receives what the worker sends unasked
// (snapshots while training, `paused` at the end of a run, pieces of the live `sample`, errors with replyTo null).
import { RnnlabError } from '../api/rnnlab.js';

/** @typedef {import('./protocol.js').RequestType} RequestType */
/** @typedef {import('./protocol.js').WorkerMessage} WorkerMessage */

/**
 * A Web Worker, or anything with postMessage and either addEventListener('message') (browser) or
 * on('message') (Node's worker_threads.Worker).
 * @typedef {{postMessage(message: unknown, transfer?: Transferable[]): void,
 *            addEventListener?: (type: 'message', listener: (event: MessageEvent) => void) => void,
 *            on?: (type: 'message', listener: (message: unknown) => void) => void}} WorkerLike
 */

export class WorkerClient {
  #worker;
  #nextId = 1;
  /** @type {Map<number, {resolve: (m: any) => void, reject: (e: Error) => void}>} */
  #pending = new Map();
  /** @type {Map<string, Set<(message: any) => void>>} */
  #handlers = new Map();

  /** @param {WorkerLike} worker */
  constructor(worker) {
    this.#worker = worker;
    const receive = (/** @type {any} */ message) => this.#receive(message);
    if (worker.addEventListener) worker.addEventListener('message', (event) => receive(event.data));
    else if (worker.on) worker.on('message', receive);
    else throw new TypeError('WorkerClient: the worker has neither addEventListener nor on');
  }

  /**
   * Sends a request; resolves with its reply.
   * @param {RequestType} type
   * @param {Record<string, unknown>} [fields]
   * @param {Transferable[]} [transfer]  buffers handed over, not copied (a corpus's bytes)
   * @returns {Promise<any>}
   */
  request(type, fields = {}, transfer = []) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...fields, type, id }, transfer);
    });
  }

  /**
   * Subscribes to messages sent with replyTo null ('snapshot', 'paused', 'sample', 'error'), or to 'fatal': every error
   * with fatal: true, a reply or not. Returns the unsubscriber.
   * @param {string} type
   * @param {(message: any) => void} handler
   * @returns {() => void}
   */
  on(type, handler) {
    let set = this.#handlers.get(type);
    if (!set) this.#handlers.set(type, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** @param {any} message */
  #receive(message) {
    // A fatal error (protocol.js: the module is broken) also goes to the 'fatal' handlers, asked for or not.
    if (message?.type === 'error' && message.fatal === true) for (const handler of this.#handlers.get('fatal') ?? []) handler(message);
    const pending = typeof message?.replyTo === 'number' ? this.#pending.get(message.replyTo) : undefined;
    if (pending) {
      this.#pending.delete(message.replyTo);
      if (message.type === 'error') pending.reject(new RnnlabError(message.message, message.key));
      else pending.resolve(message);
      return;
    }
    for (const handler of this.#handlers.get(message?.type) ?? []) handler(message);
  }
}
