// W7 (docs/benchmarks.md): the digits task's three models on the bundled MNIST split, the protocol every W7 runner
// follows (the CLI natively, this file through rnnlab's JS API in Chromium's worker, tfjs_digits.js, PyTorch's
// bench/w7_digits_torch.py):
//   - the first `images` of MNIST's 10,000 test digits, the first 80% train, the rest are held out; pixels / 255;
//   - batch 64, a fresh shuffle every epoch (each system its own), the last batch what is left;
//   - after each epoch the held-out images are evaluated; an epoch's time covers its training and that evaluation.
// Each epoch gives one record {system, workload: 'W7', model, epoch, loss, accuracy, seconds}.

/** The models and their fixed optimizers (the protocol; the page's presets may differ: digits.md). */
export const W7_MODELS = Object.freeze({
  lstm: { model: 'lstm', hidden: 128, optim: 'adam', lr: 1e-3 },
  mlp: { model: 'mlp', optim: 'sgd', lr: 0.1 },
  cnn: { model: 'cnn', optim: 'adam', lr: 1e-3 },
});

/**
 * Matrix-product FLOPs of one image's training step, counted as the peers run them (forward, and twice that for
 * the backward): LSTM(28, 128) over 28 rows 3 x 28 x 2 x 4H(I + H) plus the head; the MLP 3 x 2 x (784 x 256 +
 * 256 x 10); the CNN's convolution 3 x 2 x (24 x 24 x 30 x 25) plus its two linear layers. A held-out image costs
 * the forward, a third. rnnlab's CNN skips the first layer's input gradient, so it executes less than counted.
 */
export const W7_FLOPS = Object.freeze({
  lstm: 3 * (28 * 2 * 4 * 128 * (28 + 128) + 2 * 128 * 10),   // 13,426,176
  mlp: 3 * 2 * (784 * 256 + 256 * 10),                          // 1,219,584
  cnn: 3 * 2 * (24 * 24 * 30 * 25 + 4320 * 100 + 100 * 10),      // 5,190,000
});

/** FLOPs of one epoch of `images` images (80% trained, 20% evaluated). */
export function epochFlops(/** @type {keyof typeof W7_FLOPS} */ model, /** @type {number} */ images) {
  const train = Math.floor((images * 4) / 5);
  return W7_FLOPS[model] * (train + (images - train) / 3);
}

/**
 * MNIST's first `count` test digits, fetched from `base` (a URL ending in /) and gunzipped.
 * @returns {Promise<{images: Uint8Array, labels: Uint8Array}>}
 */
export async function fetchDigits(/** @type {string} */ base, /** @type {number} */ count) {
  const gunzip = async (/** @type {string} */ name) => {
    const response = await fetch(new URL(name, base));
    if (!response.ok) throw new Error(`W7: could not fetch ${name} (HTTP ${response.status})`);
    const stream = /** @type {ReadableStream} */ (response.body).pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  };
  const images = await gunzip('t10k-images-idx3-ubyte.gz'), labels = await gunzip('t10k-labels-idx1-ubyte.gz');
  return { images: images.slice(16, 16 + count * 784), labels: labels.slice(8, 8 + count) };
}

/**
 * One model's W7 epochs through rnnlab's JS API (a loaded Rnnlab with the digits family).
 * @param {{rnnlab: any, digits: {images: Uint8Array, labels: Uint8Array}, model: keyof typeof W7_MODELS, epochs: number,
 *   system: string, now?: () => number}} options
 */
export function runDigitsTraining({ rnnlab, digits, model, epochs, system, now = () => performance.now() }) {
  const trainer = rnnlab.createTrainer({ task: 'digits', ...W7_MODELS[model] }, { digits });
  const steps = trainer.predict().stepsPerEpoch;
  const records = [];
  for (let epoch = 1; epoch <= epochs; ++epoch) {
    const start = now();
    const r = trainer.step(steps);  // the epoch's last step evaluates the held-out images
    const seconds = (now() - start) / 1000;
    if (r.stopped) throw new Error(`W7 ${model} stopped in epoch ${epoch}: ${r.message}`);
    const p = trainer.predict();
    if (p.epoch !== epoch) throw new Error(`W7 ${model}: ${steps} steps ended epoch ${p.epoch}, expected ${epoch}`);
    const loss = r.losses.reduce((/** @type {number} */ a, /** @type {number} */ b) => a + b, 0) / r.losses.length;
    records.push({ system, workload: 'W7', model, epoch, loss, accuracy: p.heldOutAccuracy, seconds, images: digits.labels.length });
  }
  trainer.dispose();
  return records;
}
