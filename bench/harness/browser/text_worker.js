// A module worker that trains the text task through rnnlab's JS API on the page's shipped build (web/dist/wasm,
// what the page's own worker loads), for the harness's W6 (rnnlab.html: runText) and the text soak
// (scripts/soak-text.sh). The page's worker protocol (web/src/worker) is the page's; this worker holds the same
// API calls without the page. One message in: {moduleUrl, corpusUrl, plan, config}; out: {type: 'progress', ...}
// after each validation, then {type: 'done', result, build} or {type: 'error', message}.
import { loadRnnlab } from '/web/src/api/rnnlab.js';
import { runTextTraining } from '/bench/harness/js/text_run.js';

self.onmessage = async (/** @type {MessageEvent} */ event) => {
  const { moduleUrl, corpusUrl, plan, config } = event.data;
  try {
    const rnnlab = await loadRnnlab({ moduleUrl });
    const corpus = await (await fetch(corpusUrl)).text();
    const before = { heapBytes: rnnlab.heapBytes(), inUseBytes: rnnlab.inUseBytes() };
    const result = runTextTraining({
      rnnlab, corpus, plan, config,
      onProgress: (p) => self.postMessage({ type: 'progress', ...p }),
    });
    self.postMessage({ type: 'done', result, before, build: `${rnnlab.version ?? ''}` });
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
