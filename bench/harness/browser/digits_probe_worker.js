// A module worker for bench/digits_page_overhead.mjs: trains one digits model on the page's shipped module with the
// page's settings for that model (the whole MNIST set, 8,000 train / 2,000 held out, as the page does), nothing
// but steps, and then times each part of a page snapshot on the trained model: the prediction, the trace of
// sequence 0, a copy of the weights. One message in: {moduleUrl, digitsUrl, config, epochs}; out: {type: 'done',
// epochs: [{seconds, accuracy}], parts: {predict, trace, weights} (ms each, median of 21)} or {type: 'error', message}.
import { loadRnnlab } from '/web/src/api/rnnlab.js';
import { fetchDigits } from '/bench/harness/js/digits_run.js';

const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

self.onmessage = async (/** @type {MessageEvent} */ event) => {
  const { moduleUrl, digitsUrl, config, epochs } = event.data;
  try {
    const rnnlab = await loadRnnlab({ moduleUrl });
    const digits = await fetchDigits(digitsUrl, 10000);
    const trainer = rnnlab.createTrainer(config, { digits });
    const steps = trainer.predict().stepsPerEpoch;
    const out = [];
    for (let epoch = 1; epoch <= epochs; ++epoch) {
      const start = performance.now();
      trainer.step(steps);
      out.push({ seconds: (performance.now() - start) / 1000, accuracy: trainer.predict().heldOutAccuracy });
    }
    const time = (/** @type {() => unknown} */ f) => {
      const ms = [];
      for (let i = 0; i < 21; ++i) { const t = performance.now(); f(); ms.push(performance.now() - t); }
      return median(ms);
    };
    trainer.step(1);
    const parts = {
      step: time(() => trainer.step(1)),
      predict: time(() => trainer.predict()),
      trace: time(() => trainer.trace({ firstSequence: true })),
      weights: time(() => trainer.parameters()),
    };
    trainer.dispose();
    self.postMessage({ type: 'done', epochs: out, parts });
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
