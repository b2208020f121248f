// W6 through rnnlab's JS API (web/src/api/rnnlab.js), the same code in Chromium's worker (browser/text_worker.js)
// and in Node (node_runner.mjs): Tiny Shakespeare, the text task's preset (Embedding(65, 128) + LSTM(128, 128, 2
// layers) + Linear(128, 65), T = 64, B = 32, Adam 2e-3, clip 5, seed 0), one step(1) call at a time.
//
// The protocol every W6 runner follows (native/text_workload.cpp, torch_runner.py, tfjs_runner.js):
//   - the clock counts training only: it stops while the validation loss is computed;
//   - validation (the task's 32 fixed windows of 64 characters at the start of the last 10%) every
//     `valEverySeconds` of training and at the first step that ends past each checkpoint (30 s, 120 s);
//   - tokens per second over windows of `windowSeconds` of training (the harness takes their median);
//   - the run ends at the first step that ends past `seconds`.
// `onProgress` (the soak) is called after every validation with the wasm memory figures.

/**
 * @typedef {{seconds: number, valEverySeconds: number, windowSeconds: number, checkpoints: number[]}} TextPlan
 * @typedef {{steps: number, tokens: number, seconds: number, windowRates: number[], curve: [number, number][],
 *   loss: number}} TextResult
 */

/**
 * @param {{rnnlab: any, corpus: string, plan: TextPlan, config?: object, now?: () => number,
 *   onProgress?: (p: {seconds: number, steps: number, val: number, loss: number, heapBytes: number, inUseBytes: number}) => void}} options
 * @returns {TextResult}
 */
export function runTextTraining({ rnnlab, corpus, plan, config = {}, now = () => performance.now(), onProgress }) {
  const trainer = rnnlab.createTrainer({ task: 'text', valEvery: 1000000, ...config }, { corpus });
  const { seqLen, batch } = trainer.config();
  const tokensPerStep = seqLen * batch;
  /** @type {[number, number][]} */
  const curve = [];
  const windowRates = [];
  let trained = 0, steps = 0, loss = NaN;
  let nextVal = 0, windowStart = 0, windowSteps = 0;
  const checkpoints = [...plan.checkpoints].sort((a, b) => a - b);
  const validate = () => {
    const val = trainer.validationLoss();
    curve.push([trained, val]);
    onProgress?.({ seconds: trained, steps, val, loss, heapBytes: rnnlab.heapBytes(), inUseBytes: rnnlab.inUseBytes() });
  };
  validate();
  nextVal = plan.valEverySeconds;
  while (trained < plan.seconds) {
    const start = now();
    const r = trainer.step(1);
    const elapsed = (now() - start) / 1000;
    if (r.stopped) throw new Error(`W6 stopped at step ${steps}: ${r.message}`);
    trained += elapsed;
    steps += 1;
    windowSteps += 1;
    loss = r.loss;
    if (trained - windowStart >= plan.windowSeconds) {
      windowRates.push((windowSteps * tokensPerStep) / (trained - windowStart));
      windowStart = trained;
      windowSteps = 0;
    }
    let due = trained >= nextVal || trained >= plan.seconds;
    while (checkpoints.length > 0 && trained >= checkpoints[0]) { checkpoints.shift(); due = true; }
    if (due) {
      validate();
      while (nextVal <= trained) nextVal += plan.valEverySeconds;
    }
  }
  if (windowRates.length === 0) windowRates.push((steps * tokensPerStep) / trained);
  trainer.dispose();
  return { steps, tokens: steps * tokensPerStep, seconds: trained, windowRates, curve, loss };
}
