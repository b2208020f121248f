// W7 on TensorFlow.js (wasm backend, browser/tfjs.html), by the protocol of digits_run.js: the three models written
// with tf ops as tfjs_runner.js writes W3-W6 (the LSTM's input projection of all 28 rows as one matMul, the
// recurrence step by step; the CNN's convolution as im2col (a gather) and one matMul, relu, a 2 x 2 max over a
// reshape, two dense layers), weights drawn as torch draws
// them (uniform +-1/sqrt(fan-in)), the optimizers of W7_MODELS from tf.train, gradients by optimizer.minimize. Its
// own shuffle (a seeded permutation per epoch). The images become one float tensor before the clock starts.
import { W7_MODELS } from './digits_run.js';

const BATCH = 64;

/**
 * @param {{tf: any, digits: {images: Uint8Array, labels: Uint8Array}, model: keyof typeof W7_MODELS, epochs: number,
 *   system: string}} options
 */
export function runTfjsDigits({ tf, digits, model, epochs, system }) {
  const count = digits.labels.length, train = Math.floor((count * 4) / 5);
  let seed = 7;
  const uniform = (/** @type {number[]} */ shape, /** @type {number} */ fan) =>
    tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fan), 1 / Math.sqrt(fan), 'float32', seed++));
  const x = tf.tidy(() => tf.div(tf.tensor2d(Float32Array.from(digits.images), [count, 784]), 255));  // (N, 784)
  const y = tf.tensor1d(Int32Array.from(digits.labels), 'int32');
  const settings = W7_MODELS[model];

  /** @type {any[]} */
  let params;
  /** @type {(batch: any) => any}  (B, 784) -> logits (B, 10) */
  let forward;
  if (model === 'lstm') {
    const H = 128;
    const wIh = uniform([28, 4 * H], H), wHh = uniform([H, 4 * H], H), bIh = uniform([4 * H], H), bHh = uniform([4 * H], H);
    const wOut = uniform([H, 10], H), bOut = uniform([10], H);
    params = [wIh, wHh, bIh, bHh, wOut, bOut];
    forward = (batch) => {
      const B = batch.shape[0];
      const rows = tf.reshape(tf.transpose(tf.reshape(batch, [B, 28, 28]), [1, 0, 2]), [28 * B, 28]);  // (T*B, I), time-major
      const steps = tf.split(tf.add(tf.matMul(rows, wIh), tf.add(bIh, bHh)), 28, 0);                    // 28 x (B, 4H)
      let h = tf.zeros([B, H]), c = tf.zeros([B, H]);
      for (let t = 0; t < 28; ++t) {
        const [i, f, g, o] = tf.split(tf.add(steps[t], tf.matMul(h, wHh)), 4, 1);
        c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
        h = tf.mul(tf.sigmoid(o), tf.tanh(c));
      }
      return tf.add(tf.matMul(h, wOut), bOut);
    };
  } else if (model === 'mlp') {
    const w1 = uniform([784, 256], 784), b1 = uniform([256], 784), w2 = uniform([256, 10], 256), b2 = uniform([10], 256);
    params = [w1, b1, w2, b2];
    forward = (batch) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(batch, w1), b1)), w2), b2);
  } else {
    // The convolution as im2col + one product, as rnnlab runs it: TF.js's wasm backend has no Conv2DBackpropFilter
    // kernel (nor MaxPoolGrad: the pooling is a max over a reshape). patchIndex (576 * 25): for each output pixel
    // (24 x 24, row-major) the 25 input pixels of its 5 x 5 window.
    const patchIndex = new Int32Array(576 * 25);
    for (let r = 0; r < 24; ++r) for (let c = 0; c < 24; ++c) for (let i = 0; i < 5; ++i) for (let j = 0; j < 5; ++j)
      patchIndex[(r * 24 + c) * 25 + i * 5 + j] = (r + i) * 28 + (c + j);
    const patches = tf.tensor1d(patchIndex, 'int32');
    const k = uniform([25, 30], 25), kb = uniform([30], 25);
    const w1 = uniform([4320, 100], 4320), b1 = uniform([100], 4320), w2 = uniform([100, 10], 100), b2 = uniform([10], 100);
    params = [k, kb, w1, b1, w2, b2];
    forward = (batch) => {
      const B = batch.shape[0];
      const columns = tf.reshape(tf.gather(batch, patches, 1), [B * 576, 25]);                // (B*576, 25)
      const conv = tf.relu(tf.add(tf.matMul(columns, k), kb));                                 // (B*576, 30)
      const pooled = tf.max(tf.reshape(conv, [B, 12, 2, 12, 2, 30]), [2, 4]);                  // (B, 12, 12, 30)
      return tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(tf.reshape(pooled, [B, 4320]), w1), b1)), w2), b2);
    };
  }
  const optimizer = settings.optim === 'sgd' ? tf.train.sgd(settings.lr) : tf.train.adam(settings.lr);

  let state = 12345;
  const random = () => {  // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const records = [];
  for (let epoch = 1; epoch <= epochs; ++epoch) {
    const order = Int32Array.from({ length: train }, (_, i) => i);
    for (let i = train - 1; i > 0; --i) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const start = performance.now();
    let total = 0, steps = 0;
    for (let first = 0; first < train; first += BATCH) {
      const loss = optimizer.minimize(() => {
        const idx = tf.tensor1d(order.subarray(first, Math.min(train, first + BATCH)), 'int32');
        return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.gather(y, idx), 10), forward(tf.gather(x, idx)));
      }, true, params);
      total += loss.dataSync()[0];
      loss.dispose();
      steps += 1;
    }
    let right = 0;
    for (let first = train; first < count; first += BATCH) {
      const end = Math.min(count, first + BATCH);
      right += tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(forward(tf.slice(x, [first, 0], [end - first, 784])), 1),
        tf.slice(y, [first], [end - first])), 'int32')).dataSync()[0]);
    }
    const seconds = (performance.now() - start) / 1000;
    records.push({ system, workload: 'W7', model, epoch, loss: total / steps, accuracy: right / (count - train), seconds, images: count });
  }
  tf.dispose([x, y, ...params]);
  optimizer.dispose();
  return records;
}
