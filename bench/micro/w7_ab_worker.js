// The module worker of w7_ab_chromium.mjs: one W7 LSTM trainer per build, the same seed and data, and their
// training steps in alternating chunks, each chunk timed by the wall clock. One message in:
// {moduleUrls, digitsUrl, steps, chunk}; out: {type: 'done', chunks: [[seconds per chunk] per build], losses} or
// {type: 'error', message}.
import { loadRnnlab } from '/web/src/api/rnnlab.js';
import { fetchDigits, W7_MODELS } from '/bench/harness/js/digits_run.js';

self.onmessage = async (/** @type {MessageEvent} */ event) => {
  const { moduleUrls, digitsUrl, steps, chunk } = event.data;
  try {
    const digits = await fetchDigits(digitsUrl, 10000);
    const trainers = [];
    for (const moduleUrl of moduleUrls) {
      const rnnlab = await loadRnnlab({ moduleUrl });
      trainers.push(rnnlab.createTrainer({ task: 'digits', ...W7_MODELS.lstm }, { digits }));
    }
    const chunks = trainers.map(() => /** @type {number[]} */ ([]));
    const losses = trainers.map(() => /** @type {number[]} */ ([]));
    for (let done = 0; done < steps; done += chunk)
      trainers.forEach((trainer, i) => {
        const start = performance.now();
        const r = trainer.step(Math.min(chunk, steps - done));
        chunks[i].push((performance.now() - start) / 1000);
        losses[i].push(r.losses.at(-1));
      });
    self.postMessage({ type: 'done', chunks, losses });
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
