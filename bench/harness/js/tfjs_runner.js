// TensorFlow.js's side of the benchmark harness (wasm backend, in Chromium: browser/tfjs.html). The workloads are
// written with tf ops the efficient way: one matrix product for every step's input projection, the recurrence
// step by step, one product for the head; Adam from tf.train, gradients by optimizer.minimize (tf's autograd).
// Weights are drawn as torch draws them (uniform +-1/sqrt(fan)); the two biases kept apart as torch keeps them.
// Each workload gets one untimed warm-up run first (a fifth of its iterations; W1: up to
// 10 models). One record per timed run, as the other runners.

/** @typedef {import('./rnnlab_wasm_runner.js').PlanItem} PlanItem */

const CHAR_LSTM = { W3: [64, 128, 64, 1], W4: [64, 128, 64, 16], W5: [16, 32, 32, 1] };  // V, H, T, B

/**
 * @param {{tf: any, system: string, plan: PlanItem[], emit: (r: object) => void}} options
 */
export function runTfjs({ tf, system, plan, emit }) {
  let seed = 1;
  const uniform = (/** @type {number[]} */ shape, /** @type {number} */ k) => tf.variable(tf.randomUniform(shape, -k, k, 'float32', seed++));

  /** A recurrent layer, weights stored transposed for x @ W: (I, G*H), (H, G*H). */
  const layer = (/** @type {string} */ kind, /** @type {number} */ I, /** @type {number} */ H) => {
    const G = kind === 'lstm' ? 4 : 1, k = 1 / Math.sqrt(H);
    return { kind, H, wIh: uniform([I, G * H], k), wHh: uniform([H, G * H], k), bIh: uniform([G * H], k), bHh: uniform([G * H], k) };
  };
  const linear = (/** @type {number} */ I, /** @type {number} */ O) => ({ w: uniform([I, O], 1 / Math.sqrt(I)), b: uniform([O], 1 / Math.sqrt(I)) });
  const vars = (/** @type {any[]} */ modules) => modules.flatMap((m) => Object.values(m).filter((v) => v instanceof tf.Variable));

  /** x (T*B, I) -> {out (T*B, H), h (B, H), c (B, H) | null} */
  const runLayer = (/** @type {any} */ L, /** @type {any} */ x, /** @type {number} */ T, /** @type {number} */ B, /** @type {any} */ h0, /** @type {any} */ c0) => {
    const steps = tf.split(tf.add(tf.matMul(x, L.wIh), tf.add(L.bIh, L.bHh)), T, 0);  // T x (B, G*H)
    let h = h0 ?? tf.zeros([B, L.H]);
    let c = L.kind === 'lstm' ? (c0 ?? tf.zeros([B, L.H])) : null;
    const outs = [];
    for (let t = 0; t < T; ++t) {
      const g = tf.add(steps[t], tf.matMul(h, L.wHh));
      if (L.kind === 'lstm') {
        const [i, f, gg, o] = tf.split(g, 4, 1);
        c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(gg)));
        h = tf.mul(tf.sigmoid(o), tf.tanh(c));
      } else {
        h = tf.tanh(g);
      }
      outs.push(h);
    }
    return { out: tf.concat(outs, 0), h, c };
  };

  /** Builds a workload; returns step() -> the loss tensor of one training iteration. */
  const build = (/** @type {string} */ workload) => {
    if (workload === 'W1') {
      const cell = layer('rnn', 4, 4);
      const optimizer = tf.train.adam(0.1);
      const x = tf.cast(tf.oneHot(tf.tensor1d([1, 0, 2, 2, 3], 'int32'), 4), 'float32');  // "hello" over e,h,l,o
      const y = tf.oneHot(tf.tensor1d([3, 1, 2, 3, 2], 'int32'), 4);            // "ohlol"
      // CrossEntropyLoss summed over the 5 steps, the hidden state being the logits.
      return () => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, runLayer(cell, x, 5, 1, null, null).out, undefined, 0, tf.Reduction.SUM), true, vars([cell]));
    }
    if (workload === 'W2') {
      const l0 = layer('rnn', 1, 10), l1 = layer('rnn', 10, 10), head = linear(10, 1);
      const optimizer = tf.train.adam(5e-3);
      const curves = [0, 1, 2].map((s) => {
        const points = Array.from({ length: 60 }, (_, i) => Math.sin(s + (10 * i) / 59));
        return { x: tf.tensor2d(points.slice(0, 59), [59, 1]), y: tf.tensor2d(points.slice(1), [59, 1]) };
      });
      let h = [tf.zeros([1, 10]), tf.zeros([1, 10])];
      let draw = 1;  // Park-Miller: which of the three curves each iteration trains on
      return () => {
        const { x, y } = curves[(draw = (draw * 48271) % 2147483647) % 3];
        let next = h;
        const loss = optimizer.minimize(() => {
          const a = runLayer(l0, x, 59, 1, h[0], null);
          const b = runLayer(l1, a.out, 59, 1, h[1], null);
          next = [tf.keep(a.h), tf.keep(b.h)];  // carried to the next iteration, detached (a plain value)
          return tf.losses.meanSquaredError(y, tf.add(tf.matMul(b.out, head.w), head.b));
        }, true, vars([l0, l1, head]));
        h.forEach((t) => t.dispose());
        h = next;
        return loss;
      };
    }
    const [V, H, T, B] = CHAR_LSTM[/** @type {'W3' | 'W4' | 'W5'} */ (workload)];
    const lstm = layer('lstm', V, H), head = linear(H, V);
    const optimizer = tf.train.adam(1e-3);
    const text = Array.from({ length: (T + 1) * B }, (_, i) => (i * 7919 + 13) % V);  // [t * B + b]
    const x = tf.cast(tf.oneHot(tf.tensor1d(text.slice(0, T * B), 'int32'), V), 'float32');  // (T*B, V), row t*B + b
    const y = tf.oneHot(tf.tensor1d(text.slice(B), 'int32'), V);
    return () => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(runLayer(lstm, x, T, B, null, null).out, head.w), head.b)), true, vars([lstm, head]));
  };

  /** @param {string} workload @param {number} iterations */
  const time = (workload, iterations) => {
    const chunk = workload === 'W1' ? 15 : iterations;  // W1: fresh weights every 15 epochs, as the seed
    let seconds = 0, loss = NaN;
    for (let done = 0; done < iterations; done += chunk) {
      const step = build(workload);
      const start = performance.now();
      let last = null;
      for (let i = 0; i < Math.min(chunk, iterations - done); ++i) {
        last?.dispose();
        last = step();
      }
      loss = last.dataSync()[0];
      seconds += (performance.now() - start) / 1000;
      last.dispose();
    }
    return { seconds, loss };
  };

  for (const { workload, iterations, runs } of plan) {
    time(workload, workload === 'W1' ? Math.min(iterations, 150) : Math.max(1, Math.floor(iterations / 5)));
    for (let run = 0; run < runs; ++run) emit({ system, workload, run, iterations, ...time(workload, iterations) });
  }
}

/**
 * W6 in TensorFlow.js by the protocol of text_run.js: Tiny Shakespeare, one-hot input (the wasm backend cannot train
 * an embedding: no gradient for its gather), LSTM(V, 128) + LSTM(128, 128) + Linear(128, V), B = 32 random windows of
 * T = 64, Adam 2e-3, the gradients clipped to a global norm of 5 (as clip_grad_norm_) before applyGradients.
 * @param {{tf: any, corpus: string, plan: import('./text_run.js').TextPlan}} options
 */
export function runTfjsText({ tf, corpus, plan }) {
  const chars = [...new Set(corpus)].sort((a, b) => (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0));
  const index = new Map(chars.map((c, i) => [c, i]));
  const data = Int32Array.from(corpus, (c) => /** @type {number} */ (index.get(c)));
  const V = chars.length, H = 128, T = 64, B = 32;
  const trainSize = data.length - Math.floor(data.length / 10);
  let seed = 1;
  const uniform = (/** @type {number[]} */ shape, /** @type {number} */ k) => tf.variable(tf.randomUniform(shape, -k, k, 'float32', seed++));
  const lstm = (/** @type {number} */ I) => ({ wIh: uniform([I, 4 * H], 1 / Math.sqrt(H)), wHh: uniform([H, 4 * H], 1 / Math.sqrt(H)), bIh: uniform([4 * H], 1 / Math.sqrt(H)), bHh: uniform([4 * H], 1 / Math.sqrt(H)) });
  const l0 = lstm(V), l1 = lstm(H), head = { w: uniform([H, V], 1 / Math.sqrt(H)), b: uniform([V], 1 / Math.sqrt(H)) };
  const vars = [l0, l1, head].flatMap((m) => Object.values(m));
  const runLayer = (/** @type {any} */ L, /** @type {any} */ x, /** @type {number} */ rows) => {
    const steps = tf.split(tf.add(tf.matMul(x, L.wIh), tf.add(L.bIh, L.bHh)), T, 0);
    let h = tf.zeros([rows, H]), c = tf.zeros([rows, H]);
    const outs = [];
    for (let t = 0; t < T; ++t) {
      const [i, f, g, o] = tf.split(tf.add(steps[t], tf.matMul(h, L.wHh)), 4, 1);
      c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
      h = tf.mul(tf.sigmoid(o), tf.tanh(c));
      outs.push(h);
    }
    return tf.concat(outs, 0);
  };
  /** (T*B) indices and targets, row t*B + b, for windows starting at `starts`. */
  const batchOf = (/** @type {number[]} */ starts) => {
    const n = starts.length, x = new Int32Array(T * n), y = new Int32Array(T * n);
    for (let t = 0; t < T; ++t) for (let b = 0; b < n; ++b) { x[t * n + b] = data[starts[b] + t]; y[t * n + b] = data[starts[b] + t + 1]; }
    return { x: tf.oneHot(tf.tensor1d(x, 'int32'), V).toFloat(), y: tf.oneHot(tf.tensor1d(y, 'int32'), V), rows: n };
  };
  const lossOf = (/** @type {{x: any, y: any, rows: number}} */ b) =>
    tf.losses.softmaxCrossEntropy(b.y, tf.add(tf.matMul(runLayer(l1, runLayer(l0, b.x, b.rows), b.rows), head.w), head.b));
  const optimizer = tf.train.adam(2e-3);
  const count = Math.min(32, Math.floor((data.length - trainSize - 1) / T));
  const valStarts = Array.from({ length: count }, (_, k) => trainSize + k * T);
  let draw = 12345;  // Park-Miller for the window starts
  const random = () => (draw = (draw * 48271) % 2147483647) / 2147483647;
  /** @type {[number, number][]} */
  const curve = [];
  const windowRates = [];
  let trained = 0, steps = 0, loss = NaN, nextVal = plan.valEverySeconds, windowStart = 0, windowSteps = 0;
  const checkpoints = [...plan.checkpoints].sort((a, b) => a - b);
  const validate = () => {
    const val = tf.tidy(() => { const b = batchOf(valStarts); return lossOf(b).dataSync()[0]; });
    curve.push([trained, val]);
  };
  validate();
  while (trained < plan.seconds) {
    const start = performance.now();
    loss = tf.tidy(() => {
      const b = batchOf(Array.from({ length: B }, () => Math.floor(random() * (trainSize - T))));
      const { value, grads } = tf.variableGrads(() => lossOf(b), vars);
      const names = Object.keys(grads);
      const norm = Math.sqrt(tf.addN(names.map((k) => tf.sum(tf.square(grads[k])))).dataSync()[0]);
      const coef = 5 / (norm + 1e-6);
      optimizer.applyGradients(coef < 1 ? Object.fromEntries(names.map((k) => [k, tf.mul(grads[k], coef)])) : grads);
      return value.dataSync()[0];
    });
    trained += (performance.now() - start) / 1000;
    steps += 1;
    windowSteps += 1;
    if (trained - windowStart >= plan.windowSeconds) {
      windowRates.push((windowSteps * T * B) / (trained - windowStart));
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
  if (windowRates.length === 0) windowRates.push((steps * T * B) / trained);
  return { system: 'TF.js wasm, Chromium', workload: 'W6', kind: 'text', steps, tokens: steps * T * B, seconds: trained, windowRates, curve, loss };
}
