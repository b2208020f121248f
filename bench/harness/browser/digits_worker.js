// A module worker that trains W7 (js/digits_run.js) through rnnlab's JS API on the page's shipped digits module
// (web/dist/wasm/rnnlab_digits.mjs, what the page's own worker loads for the digits task). One message in:
// {moduleUrl, digitsUrl, images, models: [{model, epochs}]}; out: {type: 'done', records, build} or {type: 'error', message}.
import { loadRnnlab } from '/web/src/api/rnnlab.js';
import { fetchDigits, runDigitsTraining } from '/bench/harness/js/digits_run.js';

self.onmessage = async (/** @type {MessageEvent} */ event) => {
  const { moduleUrl, digitsUrl, images, models } = event.data;
  try {
    const rnnlab = await loadRnnlab({ moduleUrl });
    const digits = await fetchDigits(digitsUrl, images);
    const records = [];
    for (const { model, epochs } of models)
      records.push(...runDigitsTraining({ rnnlab, digits, model, epochs, system: 'rnnlab wasm, Chromium' }));
    self.postMessage({ type: 'done', records, build: `${rnnlab.version ?? ''}` });
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
