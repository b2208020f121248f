// Where a widget finds its worker and the WebAssembly build. The built widget folder (web/dist/widget/) holds
//   rnn-playground.js  rnnlab-worker.js  corpora/*.txt (the text task's, fetched only when a widget trains on one)
//   wasm/  rnnlab.mjs + rnnlab.wasm and one module per other task family (rnnlab_text.*, ../api/task-modules.js),
//          each fetched only when a widget trains a task of its family
// and by default they are found next to the widget module itself (import.meta.url), so copying the folder to
// any static host is enough. An author can point the `assets` attribute at another copy (a CDN).

export const WORKER_FILE = 'rnnlab-worker.js';

/**
 * @param {string | null} assets  the `assets` attribute: a folder URL, absolute or relative to the page
 * @param {string} moduleUrl  import.meta.url of the widget module
 * @returns {{base: string, workerUrl: string, moduleBase: string}}
 */
export function assetUrls(assets, moduleUrl) {
  let base = assets ? new URL(assets, document.baseURI).href : new URL('./', moduleUrl).href;
  if (!base.endsWith('/')) base += '/';
  return {
    base,
    workerUrl: new URL(WORKER_FILE, base).href,
    moduleBase: new URL('wasm/', base).href,
  };
}

/**
 * A module worker running `workerUrl`. A browser constructs a worker only from its own origin; for assets on
 * another origin (a CDN, which must then send CORS headers) a same-origin blob module that imports the real
 * worker script stands in. The worker gets the wasm folder in its init message, so its own address does not matter.
 * @param {string} workerUrl  absolute
 */
export function createWorker(workerUrl) {
  const options = /** @type {WorkerOptions} */ ({ type: 'module', name: 'rnnlab-widget' });
  if (new URL(workerUrl).origin === location.origin) return new Worker(workerUrl, options);
  const trampoline = new Blob([`import ${JSON.stringify(workerUrl)};\n`], { type: 'text/javascript' });
  const blobUrl = URL.createObjectURL(trampoline);
  const worker = new Worker(blobUrl, options);
  // The worker has fetched its script once it answers; the blob URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(blobUrl), 30_000);
  return worker;
}
